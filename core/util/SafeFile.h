#pragma once
// Writing result files so that a failure is never reported as success: the data goes to a
// temporary file next to the target, every write is checked, the file is fsynced, then renamed
// over the target (an interrupted or failed write leaves the old file as it was). Targets that are
// not regular files (/dev/stdout, a FIFO, /dev/full) are written in place, with every write and the
// final flush checked, and never replaced by a rename.
#include <string>
#include <string_view>

namespace ds {

/// Why `target` must not be written when `database` is the open store ("" when it may): the
/// database itself, its -wal / -shm / -journal files, or a link to any of them.
std::string outputClobbersDatabase(const std::string &target, const std::string &database);

/// Writes `data` to `path` as described above. False + *error (naming the file and the cause,
/// e.g. "No space left on device") on any failure; the target is then unchanged (regular files).
bool writeFileSafely(const std::string &path, std::string_view data, std::string *error);

/// For writers that create the file themselves (image and PDF exporters): write to tempPath(),
/// then commit() checks, fsyncs and renames it to the target. Destroying an uncommitted
/// SafeFileSlot removes the temporary file.
class SafeFileSlot {
public:
    explicit SafeFileSlot(std::string target);
    ~SafeFileSlot();
    SafeFileSlot(const SafeFileSlot &) = delete;
    SafeFileSlot &operator=(const SafeFileSlot &) = delete;

    /// Where the writer should write: a fresh name in the target's folder, same extension
    /// (exporters pick the format from it). Empty when the target is not a regular file path;
    /// then write the target directly and skip commit().
    const std::string &tempPath() const { return m_temp; }
    /// fsync + rename onto the target. False + *error when the temporary file is missing, empty
    /// (unless `emptyIsFine`), or cannot be synced or renamed.
    bool commit(std::string *error, bool emptyIsFine = false);

private:
    std::string m_target, m_temp;
    bool m_committed = false;
};

} // namespace ds
