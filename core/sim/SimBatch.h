#pragma once
// The simulator's batch state: uploaded files (OpenAI /v1/files) and batches of both APIs. Each
// batch's answers are made when it is created (through the same reply builder as live requests)
// and revealed as time passes: validating -> in_progress -> finalizing -> completed (OpenAI), or
// in_progress -> ended (Anthropic), over BatchSimConfig::durationMs.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ds::sim {

struct SimFile {
    std::string id, filename, purpose, content;
    long long createdAt = 0;
};

struct SimBatch {
    std::string id;
    bool anthropic = false;
    std::string endpoint, inputFileId, validationErrors; ///< validationErrors: OpenAI errors.data JSON ("" = valid)
    std::vector<std::string> okLines, errorLines;        ///< result lines (JSONL) in request order
    int64_t total = 0;
    std::chrono::steady_clock::time_point created;
    long long createdAt = 0;
    bool cancelled = false;
    std::string outputFileId, errorFileId; ///< set when it ends (OpenAI)
    std::string metadata;                  ///< OpenAI: the metadata object as JSON ("" = null)
    uint64_t serial = 0;                   ///< creation order: lists show the newest first
};

struct BatchBook {
    std::mutex mutex;
    std::map<std::string, SimFile> files;
    std::map<std::string, SimBatch> batches;
    uint64_t counter = 0;
};

} // namespace ds::sim
