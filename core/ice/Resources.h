#pragma once
/// @file Resources.h
/// Locating the ICE data files (question bank, vendor registry, seed templates).
#include <string>

namespace ds::ice {

/// Reads `resources/ice/<name>`. Search order: the directory in the environment variable
/// DS_RESOURCE_DIR, `<executable dir>/../share/distillscope/resources`, then the compile-time
/// DS_RESOURCE_DIR (the source tree). Returns false and sets *error when not found/readable.
/// Thread-safe.
bool readResource(const std::string &name, std::string *content, std::string *error);

/// Reads a whole file as bytes. False + *error ("cannot open FILE") on failure.
bool readFile(const std::string &path, std::string *content, std::string *error);

} // namespace ds::ice
