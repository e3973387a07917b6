#pragma once
// The tables another component keeps in the store's database (ICE: ds_ice), with migrations of their
// own. The core's steps (Schema.h) number the database's user_version; a module's steps number its
// row in table store_modules, so that a module adds tables without the core knowing them. The module's
// store unit (core/ice/IceStore.cpp) is then the one place that writes its SQL, through the store's
// post / execSync / reader.
#include <string>
#include <vector>

namespace ds {
class Store;

struct ModuleSchema {
    std::string name; ///< its row in store_modules ("ice")
    /// Step N brings the module's tables from version N-1 to N. Never edit a released step: append one.
    std::vector<const char *> steps;
    /// A table the module had before it had versions of its own (when its tables were a step of the
    /// core's): a database that holds it and has no row for the module is at version 1.
    std::string legacyTable;
};

/// Brings the module's tables to the newest version: reads the version on this thread's connection
/// and, when steps are missing, applies them all in one write on the writer thread (and waits for it).
/// Cheap when nothing is missing; writes nothing then, so a read-only database at the newest version
/// works. False + *error (naming the file) when the database's tables are newer than `schema`, when
/// the database cannot be read, or when the migration did not commit (disk full, read-only, ...).
bool ensureModuleSchema(Store &store, const ModuleSchema &schema, std::string *error);

} // namespace ds
