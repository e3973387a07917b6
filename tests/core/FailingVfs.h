#pragma once
// A SQLite VFS that wraps the default one and, once armed, fails writes to files whose name contains
// a marker: the deterministic way to meet a full disk, a read-only file or an I/O error in a test
// (the tmpfs test needs root; this one always runs). Registered as the default VFS, so the store
// uses it without knowing.
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <string>

namespace ds::test {

class FailingVfs {
public:
    /// Installs the VFS (once per process) as the default.
    static void install()
    {
        static bool done = false;
        if (done)
            return;
        done = true;
        s_base = sqlite3_vfs_find(nullptr);
        s_vfs = *s_base;
        s_vfs.zName = "ds-failing";
        s_vfs.szOsFile = int(sizeof(File)) + s_base->szOsFile;
        s_vfs.xOpen = open;
        sqlite3_vfs_register(&s_vfs, 1);
    }
    /// After `okWrites` more writes to files containing `marker`, every such write fails with `code`.
    static void arm(const std::string &marker, int okWrites, int code)
    {
        s_marker = marker;
        s_code = code;
        s_left = okWrites;
        s_armed = true;
    }
    static void disarm() { s_armed = false; }
    static int failures() { return s_failures.load(); }

private:
    struct File {
        sqlite3_file base;
        std::string *name; ///< the path as opened (the marker is compared at write time: arm() may come later)
        sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
    };
    static File *self(sqlite3_file *f) { return reinterpret_cast<File *>(f); }

    static int open(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
    {
        File *w = self(f);
        w->name = new std::string(name ? name : "");
        const int rc = s_base->xOpen(s_base, name, w->real(), flags, outFlags);
        w->base.pMethods = rc == SQLITE_OK && w->real()->pMethods ? &s_methods : nullptr;
        if (!w->base.pMethods) {
            delete w->name;
            w->name = nullptr;
        }
        return rc;
    }
    static const sqlite3_io_methods *real(sqlite3_file *f) { return self(f)->real()->pMethods; }
    static int xWrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
    {
        if (s_armed && !s_marker.empty() && self(f)->name->find(s_marker) != std::string::npos && s_left.fetch_sub(1) <= 0) {
            ++s_failures;
            return s_code;
        }
        return real(f)->xWrite(self(f)->real(), p, n, off);
    }
    static int xClose(sqlite3_file *f)
    {
        delete self(f)->name;
        return real(f)->xClose(self(f)->real());
    }
    static int xRead(sqlite3_file *f, void *p, int n, sqlite3_int64 off) { return real(f)->xRead(self(f)->real(), p, n, off); }
    static int xTruncate(sqlite3_file *f, sqlite3_int64 size) { return real(f)->xTruncate(self(f)->real(), size); }
    static int xSync(sqlite3_file *f, int flags) { return real(f)->xSync(self(f)->real(), flags); }
    static int xFileSize(sqlite3_file *f, sqlite3_int64 *size) { return real(f)->xFileSize(self(f)->real(), size); }
    static int xLock(sqlite3_file *f, int l) { return real(f)->xLock(self(f)->real(), l); }
    static int xUnlock(sqlite3_file *f, int l) { return real(f)->xUnlock(self(f)->real(), l); }
    static int xCheckReservedLock(sqlite3_file *f, int *out) { return real(f)->xCheckReservedLock(self(f)->real(), out); }
    static int xFileControl(sqlite3_file *f, int op, void *arg) { return real(f)->xFileControl(self(f)->real(), op, arg); }
    static int xSectorSize(sqlite3_file *f) { return real(f)->xSectorSize(self(f)->real()); }
    static int xDeviceCharacteristics(sqlite3_file *f) { return real(f)->xDeviceCharacteristics(self(f)->real()); }
    static int xShmMap(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
    {
        return real(f)->xShmMap(self(f)->real(), pg, sz, extend, pp);
    }
    static int xShmLock(sqlite3_file *f, int off, int n, int flags) { return real(f)->xShmLock(self(f)->real(), off, n, flags); }
    static void xShmBarrier(sqlite3_file *f) { real(f)->xShmBarrier(self(f)->real()); }
    static int xShmUnmap(sqlite3_file *f, int del) { return real(f)->xShmUnmap(self(f)->real(), del); }
    static int xFetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp) { return real(f)->xFetch(self(f)->real(), off, n, pp); }
    static int xUnfetch(sqlite3_file *f, sqlite3_int64 off, void *p) { return real(f)->xUnfetch(self(f)->real(), off, p); }

    static inline sqlite3_vfs *s_base = nullptr;
    static inline sqlite3_vfs s_vfs{};
    static inline std::string s_marker;
    static inline std::atomic<bool> s_armed{false};
    static inline std::atomic<int> s_left{0}, s_failures{0}, s_code{SQLITE_FULL};
    static inline const sqlite3_io_methods s_methods = {3,
                                                        xClose,
                                                        xRead,
                                                        xWrite,
                                                        xTruncate,
                                                        xSync,
                                                        xFileSize,
                                                        xLock,
                                                        xUnlock,
                                                        xCheckReservedLock,
                                                        xFileControl,
                                                        xSectorSize,
                                                        xDeviceCharacteristics,
                                                        xShmMap,
                                                        xShmLock,
                                                        xShmBarrier,
                                                        xShmUnmap,
                                                        xFetch,
                                                        xUnfetch};
};

} // namespace ds::test
