#include "util/SafeFile.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace ds {

namespace fs = std::filesystem;

namespace {

std::string describe(const std::string &path, const char *what, int err)
{
    return "cannot write " + path + ": " + what + ": " + std::strerror(err);
}

bool isSpecialFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

bool writeAll(int fd, std::string_view data, int *err)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        data.remove_prefix(size_t(n));
    }
    return true;
}

/// fsync of the folder, so the rename itself survives a power cut.
void syncFolder(const std::string &file)
{
    const std::string dir = fs::path(file).parent_path().empty() ? "." : fs::path(file).parent_path().string();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string freshTempName(const std::string &target)
{
    static std::atomic<unsigned> counter{0};
    const fs::path t(target);
    const std::string stem = ".~" + t.stem().string() + "." + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
    return (t.parent_path() / (stem + t.extension().string())).string();
}

} // namespace

std::string outputClobbersDatabase(const std::string &target, const std::string &database)
{
    if (database.empty())
        return {};
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        const std::string protectedFile = database + suffix;
        std::error_code ec;
        const bool same = fs::exists(target, ec) && fs::exists(protectedFile, ec)
                              ? fs::equivalent(target, protectedFile, ec)
                              : fs::weakly_canonical(target, ec) == fs::weakly_canonical(protectedFile, ec);
        if (same)
            return target + " is " + (*suffix ? "a file of " : "") + "the database this command reads (" + database +
                   "); choose another --out";
    }
    return {};
}

bool writeFileSafely(const std::string &path, std::string_view data, std::string *error)
{
    auto failed = [&](const std::string &message) {
        if (error)
            *error = message;
        return false;
    };
    if (isSpecialFile(path)) {
        // A device or FIFO: write in place; a rename would replace the device node itself.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return failed(describe(path, "open", errno));
        int err = 0;
        const bool ok = writeAll(fd, data, &err);
        if (ok && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
            err = errno; // EINVAL: pipes and terminals cannot be synced, which is fine
        const int closeErr = ::close(fd) != 0 ? errno : 0;
        if (!ok || err)
            return failed(describe(path, "write", err));
        if (closeErr)
            return failed(describe(path, "close", closeErr));
        return true;
    }
    SafeFileSlot slot(path);
    const int fd = ::open(slot.tempPath().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return failed(describe(path, "create a temporary file next to it", errno));
    int err = 0;
    if (!writeAll(fd, data, &err)) {
        ::close(fd);
        return failed(describe(path, "write", err));
    }
    if (::fsync(fd) != 0) {
        err = errno;
        ::close(fd);
        return failed(describe(path, "fsync", err));
    }
    if (::close(fd) != 0)
        return failed(describe(path, "close", errno));
    return slot.commit(error, data.empty());
}

SafeFileSlot::SafeFileSlot(std::string target) : m_target(std::move(target))
{
    if (!isSpecialFile(m_target))
        m_temp = freshTempName(m_target);
}

SafeFileSlot::~SafeFileSlot()
{
    if (!m_committed && !m_temp.empty())
        ::unlink(m_temp.c_str());
}

bool SafeFileSlot::commit(std::string *error, bool emptyIsFine)
{
    auto failed = [&](const std::string &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_temp.empty())
        return true;
    const int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failed(describe(m_target, "the written file is missing", errno));
    struct stat st {};
    const bool empty = !emptyIsFine && ::fstat(fd, &st) == 0 && st.st_size == 0;
    // fsync through a read-only descriptor is allowed on Linux and flushes the file's pages.
    const int syncErr = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    if (empty)
        return failed("cannot write " + m_target + ": nothing was written (0 bytes)");
    if (syncErr)
        return failed(describe(m_target, "fsync", syncErr));
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0)
        return failed(describe(m_target, "rename", errno));
    m_committed = true;
    syncFolder(m_target);
    return true;
}

} // namespace ds
