#pragma once
// What an RSE run compares, as stored in runs.config (JSON), so a run can be resumed exactly.
#include <cstdint>
#include <string>
#include <vector>

namespace ds::rse {

struct RseConfig {
    std::string reference;
    std::vector<std::string> tests;
    std::vector<std::string> datasets;
    std::string judge;
    bool swap = false;     ///< judge both orders (reference first, test first)
    uint64_t salt = 0;     ///< seeds the judge prompt delimiters
    double spendLimit = 0; ///< USD; 0 = none. Dispatch stops when reached.

    std::string toJson() const;
    /// Empty string on success, else what is wrong.
    static std::string fromJson(const std::string &text, RseConfig &out);
};

} // namespace ds::rse
