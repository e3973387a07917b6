#include "data/Importers.h"

#include <nlohmann/json.hpp>

#include "util/Csv.h"
#include "util/Encoding.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <numeric>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace ds::data {

using json = nlohmann::json;

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

/// Reads a whole regular file as UTF-8 text. O_NONBLOCK so that a FIFO is refused at once instead
/// of waiting for a writer; the type is checked on the opened descriptor, not on the name.
bool readFile(const std::string &path, const std::string &encoding, std::string &out, std::string &error,
              std::vector<std::string> *warnings)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = path + ": cannot open file: " + std::strerror(errno);
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        error = path + ": not a regular file (" +
                std::string(S_ISFIFO(st.st_mode)  ? "a FIFO"
                            : S_ISDIR(st.st_mode) ? "a directory"
                                                  : "a device or socket") +
                "); import from a plain file";
        return false;
    }
    out.clear();
    out.reserve(size_t(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = path + ": read error: " + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        out.append(buf, size_t(n));
    }
    ::close(fd);
    if (out.size() >= 3 && out.compare(0, 3, "\xEF\xBB\xBF") == 0)
        out.erase(0, 3); // UTF-8 BOM
    if (!encoding.empty() && lower(encoding) != "utf-8" && lower(encoding) != "utf8") {
        std::string converted, why;
        if (!convertToUtf8(out, encoding, &converted, &why)) {
            error = path + ": " + why;
            return false;
        }
        if (converted.size() != out.size() && warnings)
            warnings->push_back(path + ": converted from " + encoding + " to UTF-8");
        out = std::move(converted);
        return true;
    }
    if (const size_t bad = firstInvalidUtf8(out); bad != std::string::npos) {
        error = path + ": not valid UTF-8 at " + describeBytePosition(out, bad) +
                "; nothing was imported. If the file is Latin-1 or Windows-1252 (a CSV saved by Excel often is), pass "
                "--encoding windows-1252 to convert it, or convert it first: iconv -f WINDOWS-1252 -t UTF-8";
        return false;
    }
    return true;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// JSON lines with their 1-based line numbers; blank lines skipped.
bool parseJsonl(const std::string &path, const std::string &text, std::vector<std::pair<int, json>> &rows, std::string &error)
{
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (trim(line).empty())
            continue;
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded()) {
            error = path + ":" + std::to_string(n) + ": not valid JSON";
            return false;
        }
        if (!j.is_object()) {
            error = path + ":" + std::to_string(n) + ": expected a JSON object";
            return false;
        }
        rows.emplace_back(n, std::move(j));
    }
    return true;
}

std::string strField(const json &o, const std::string &key)
{
    if (o.contains(key) && o[key].is_string())
        return o[key].get<std::string>();
    if (o.contains(key) && o[key].is_number())
        return o[key].dump();
    return {};
}

const std::vector<std::string> &promptFieldGuesses()
{
    static const std::vector<std::string> f = {"prompt", "instruction", "question", "query", "problem", "input", "text", "content"};
    return f;
}

/// Pulls the prompt out of one JSON object of any supported shape.
bool promptFromObject(const json &o, const std::string &format, const std::string &field, PromptItem &item, std::string &why)
{
    if (format == "arena-hard" || (format == "auto" && o.contains("turns") && o.contains("question_id"))) {
        item.extId = strField(o, "question_id");
        item.category = strField(o, "category");
        if (!o.contains("turns") || !o["turns"].is_array() || o["turns"].empty() || !o["turns"][0].contains("content")) {
            why = "missing turns[0].content";
            return false;
        }
        item.text = strField(o["turns"][0], "content");
        if (o["turns"].size() > 1) {
            json turns = json::array();
            for (const auto &t : o["turns"])
                turns.push_back({{"role", "user"}, {"content", strField(t, "content")}});
            item.turnsJson = turns.dump();
        }
        return !item.text.empty() || (why = "empty prompt", false);
    }
    if (format == "sharegpt" || (format == "auto" && (o.contains("conversations") || o.contains("messages")))) {
        const json &conv = o.contains("conversations") ? o["conversations"] : o["messages"];
        if (!conv.is_array()) {
            why = "conversations is not a list";
            return false;
        }
        item.extId = strField(o, "id");
        json turns = json::array();
        for (const auto &t : conv) {
            std::string role = lower(strField(t, "from").empty() ? strField(t, "role") : strField(t, "from"));
            const std::string value = strField(t, "value").empty() ? strField(t, "content") : strField(t, "value");
            role = (role == "human" || role == "user") ? "user" : (role == "system" ? "system" : "assistant");
            if (role == "user" && item.text.empty())
                item.text = value;
            turns.push_back({{"role", role}, {"content", value}});
        }
        if (turns.size() > 1)
            item.turnsJson = turns.dump();
        if (item.text.empty()) {
            why = "no user turn in the conversation";
            return false;
        }
        return true;
    }
    if (format == "numina") {
        item.text = strField(o, field.empty() ? "problem" : field);
        if (item.text.empty()) {
            why = "missing field '" + (field.empty() ? std::string("problem") : field) + "'";
            return false;
        }
        return true;
    }
    if (!field.empty()) {
        item.text = strField(o, field);
        if (item.text.empty()) {
            why = "missing field '" + field + "'";
            return false;
        }
    } else {
        for (const auto &f : promptFieldGuesses())
            if (!(item.text = strField(o, f)).empty())
                break;
        if (item.text.empty()) {
            why = "no prompt field (tried prompt, instruction, question, query, problem, input, text; use --field)";
            return false;
        }
    }
    item.extId = strField(o, "id");
    if (item.extId.empty())
        item.extId = strField(o, "question_id");
    item.category = strField(o, "category");
    if (item.category.empty())
        item.category = strField(o, "dataset");
    return true;
}

} // namespace

std::string matchKey(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (unsigned char c : text) {
        if (std::isspace(c)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += char(c);
    }
    return out;
}

static std::string detectFormat(const std::string &path, const std::string &text)
{
    const std::string p = lower(path);
    if (endsWith(p, ".csv") || endsWith(p, ".tsv"))
        return "csv";
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '[')
        return "json";
    return "jsonl";
}

namespace {

/// Prompts from a CSV file: the first column named like a prompt (or `field`), ids from "id" or
/// "question_id". False with `error` naming file and line.
bool promptsFromCsv(const std::string &path, const std::string &text, const std::string &shape, const std::string &field,
                    std::vector<PromptItem> &items, std::string &error)
{
    std::string csvError;
    std::vector<CsvRow> rows;
    if (!parseCsv(text, &rows, &csvError)) {
        error = path + ":" + csvError.substr(5);
        return false;
    }
    if (rows.empty()) {
        error = path + ": empty CSV file";
        return false;
    }
    const auto &header = rows[0].cells;
    int col = -1;
    std::vector<std::string> wanted;
    if (!field.empty())
        wanted = {field};
    else if (shape == "numina")
        wanted = {"problem"};
    else
        wanted = promptFieldGuesses();
    for (const auto &w : wanted) {
        for (size_t i = 0; i < header.size() && col < 0; ++i)
            if (lower(trim(header[i])) == lower(w))
                col = int(i);
        if (col >= 0)
            break;
    }
    if (col < 0) {
        error =
            path + ":1: missing column '" + (wanted.size() == 1 ? wanted[0] : std::string("prompt")) + "' in the header (use --field NAME)";
        return false;
    }
    int idCol = -1;
    for (size_t i = 0; i < header.size(); ++i)
        if (lower(trim(header[i])) == "id" || lower(trim(header[i])) == "question_id")
            idCol = int(i);
    for (size_t r = 1; r < rows.size(); ++r) {
        if (int(rows[r].cells.size()) <= col) {
            error = path + ":" + std::to_string(rows[r].line) + ": row has " + std::to_string(rows[r].cells.size()) +
                    " columns, the header has " + std::to_string(header.size());
            return false;
        }
        PromptItem item;
        item.text = rows[r].cells[size_t(col)];
        if (idCol >= 0 && int(rows[r].cells.size()) > idCol)
            item.extId = rows[r].cells[size_t(idCol)];
        if (trim(item.text).empty()) {
            error = path + ":" + std::to_string(rows[r].line) + ": empty prompt";
            return false;
        }
        items.push_back(std::move(item));
    }
    return true;
}

/// Prompts from a JSON list of strings or objects.
bool promptsFromJson(const std::string &path, const std::string &text, const std::string &shape, const std::string &field,
                     std::vector<PromptItem> &items, std::string &error)
{
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) {
        // nlohmann reports a byte offset; turn it into a line number.
        try {
            [[maybe_unused]] auto unused = json::parse(text);
        } catch (const json::parse_error &e) {
            const size_t upto = std::min<size_t>(e.byte, text.size());
            const int line = 1 + int(std::count(text.begin(), text.begin() + long(upto), '\n'));
            error = path + ":" + std::to_string(line) + ": not valid JSON";
            return false;
        }
    }
    if (!j.is_array()) {
        error = path + ":1: expected a JSON list of objects";
        return false;
    }
    for (size_t i = 0; i < j.size(); ++i) {
        PromptItem item;
        std::string why;
        if (j[i].is_string()) {
            item.text = j[i].get<std::string>();
        } else if (!j[i].is_object() || !promptFromObject(j[i], shape, field, item, why)) {
            error = path + ": item " + std::to_string(i + 1) + ": " + (why.empty() ? std::string("expected an object") : why);
            return false;
        }
        items.push_back(std::move(item));
    }
    return true;
}

/// Prompts from JSON lines, one object per line.
bool promptsFromJsonl(const std::string &path, const std::string &text, const std::string &shape, const std::string &field,
                      std::vector<PromptItem> &items, std::string &error)
{
    std::vector<std::pair<int, json>> rows;
    if (!parseJsonl(path, text, rows, error))
        return false;
    for (auto &[line, o] : rows) {
        PromptItem item;
        std::string why;
        if (!promptFromObject(o, shape, field, item, why)) {
            error = path + ":" + std::to_string(line) + ": " + why;
            return false;
        }
        items.push_back(std::move(item));
    }
    return true;
}

/// `sample` items drawn with `seed`, kept in file order.
std::vector<PromptItem> samplePrompts(std::vector<PromptItem> items, int sample, uint64_t seed)
{
    if (sample <= 0 || size_t(sample) >= items.size())
        return items;
    std::vector<size_t> idx(items.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::mt19937_64 rng(seed);
    // Explicit Fisher-Yates (std::shuffle's algorithm is not specified across libraries).
    for (size_t i = 0; i < size_t(sample); ++i) {
        const size_t j = i + size_t(rng() % (idx.size() - i));
        std::swap(idx[i], idx[j]);
    }
    idx.resize(size_t(sample));
    std::sort(idx.begin(), idx.end());
    std::vector<PromptItem> picked;
    picked.reserve(idx.size());
    for (size_t i : idx)
        picked.push_back(std::move(items[i]));
    return picked;
}

} // namespace

Parsed<PromptItem> readPrompts(const std::string &path, const DatasetImportOptions &opt)
{
    Parsed<PromptItem> result;
    std::string text;
    if (!readFile(path, opt.encoding, text, result.error, &result.warnings))
        return result;
    std::string container = opt.format;
    std::string shape = "auto";
    if (opt.format == "arena-hard" || opt.format == "sharegpt" || opt.format == "numina" || opt.format == "alpacaeval") {
        shape = opt.format == "alpacaeval" ? "auto" : opt.format;
        container = "auto";
    }
    if (container == "auto")
        container = detectFormat(path, text);
    if (opt.format == "numina" && container == "csv")
        shape = "numina";
    result.detectedFormat = opt.format == "auto" ? container : opt.format;

    std::vector<PromptItem> items;
    const bool read = container == "csv"    ? promptsFromCsv(path, text, shape, opt.field, items, result.error)
                      : container == "json" ? promptsFromJson(path, text, shape, opt.field, items, result.error)
                                            : promptsFromJsonl(path, text, shape, opt.field, items, result.error);
    if (!read)
        return result;
    if (items.empty()) {
        result.error = path + ": no prompts found";
        return result;
    }
    items = samplePrompts(std::move(items), opt.sample, opt.seed);
    for (size_t i = 0; i < items.size(); ++i)
        items[i].idx = int(i);
    result.items = std::move(items);
    return result;
}

namespace {

/// An output that is not a non-empty string is kept with a status, never as an answer.
void takeOutput(const json &v, OutputRow &row)
{
    if (v.is_string()) {
        row.output = v.get<std::string>();
        if (trim(row.output).empty()) {
            row.status = AnswerStatus::Empty;
            row.problem = "the output is an empty string";
        }
    } else if (v.is_null()) {
        row.status = AnswerStatus::Empty;
        row.problem = "the output is null";
    } else {
        row.status = AnswerStatus::Invalid;
        row.problem = std::string("the output is ") +
                      (v.is_number()    ? "a number"
                       : v.is_boolean() ? "a boolean"
                       : v.is_array()   ? "a list"
                                        : "an object") +
                      ", not text";
    }
}

/// One answer record: Arena-Hard's model_answer, or an object with a prompt and an output field.
bool outputFromObject(const json &o, int line, OutputRow &row, std::string &why)
{
    row.line = line;
    if (o.contains("choices") && o.contains("question_id")) { // Arena-Hard model_answer
        row.extId = strField(o, "question_id");
        row.generator = strField(o, "model_id");
        const json &ch = o["choices"];
        if (!ch.is_array() || ch.empty() || !ch[0].contains("turns") || !ch[0]["turns"].is_array() || ch[0]["turns"].empty()) {
            why = "missing choices[0].turns[0].content";
            return false;
        }
        const json &turn = ch[0]["turns"][0];
        takeOutput(turn.is_object() && turn.contains("content") ? turn["content"] : json(), row);
        return true;
    }
    for (const char *f : {"instruction", "prompt", "question", "query", "input"})
        if (!(row.promptText = strField(o, f)).empty())
            break;
    for (const char *f : {"output", "response", "answer", "completion"})
        if (o.contains(f)) {
            takeOutput(o[f], row);
            break;
        }
    row.generator = strField(o, "generator");
    row.extId = strField(o, "question_id");
    if (row.promptText.empty() && row.extId.empty()) {
        why = "no instruction/prompt field to match the answer to a prompt";
        return false;
    }
    if (!o.contains("output") && !o.contains("response") && !o.contains("answer") && !o.contains("completion")) {
        why = "no output/response field";
        return false;
    }
    return true;
}

} // namespace

Parsed<OutputRow> readOutputs(const std::string &path, const std::string &encoding)
{
    Parsed<OutputRow> result;
    std::string text;
    if (!readFile(path, encoding, text, result.error, &result.warnings))
        return result;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '[') {
        json j = json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_array()) {
            result.error = path + ": not a valid JSON list";
            return result;
        }
        result.detectedFormat = "alpacaeval";
        for (size_t i = 0; i < j.size(); ++i) {
            OutputRow row;
            std::string why;
            if (!j[i].is_object() || !outputFromObject(j[i], int(i + 1), row, why)) {
                result.error = path + ": item " + std::to_string(i + 1) + ": " + (why.empty() ? "not an object" : why);
                return result;
            }
            result.items.push_back(std::move(row));
        }
    } else {
        std::vector<std::pair<int, json>> rows;
        if (!parseJsonl(path, text, rows, result.error))
            return result;
        result.detectedFormat = "jsonl";
        for (auto &[line, o] : rows) {
            OutputRow row;
            std::string why;
            if (!outputFromObject(o, line, row, why)) {
                result.error = path + ":" + std::to_string(line) + ": " + why;
                return result;
            }
            result.items.push_back(std::move(row));
        }
    }
    if (result.items.empty())
        result.error = path + ": no answers found";
    return result;
}

} // namespace ds::data

namespace ds::data {

MatchedOutputs matchOutputs(const std::vector<PromptItem> &prompts, const std::vector<OutputRow> &rows, const std::string &model,
                            const std::string &fileName, DuplicatePolicy duplicates)
{
    std::unordered_map<std::string, int64_t> byText, byExt;
    for (const auto &p : prompts) {
        byText.emplace(matchKey(p.text), p.id);
        if (!p.extId.empty())
            byExt.emplace(p.extId, p.id);
    }
    MatchedOutputs out;
    std::unordered_map<int64_t, size_t> kept; // prompt -> index in out.records
    for (const auto &row : rows) {
        int64_t pid = 0;
        if (auto it = byExt.find(row.extId); !row.extId.empty() && it != byExt.end())
            pid = it->second;
        else if (auto t = byText.find(matchKey(row.promptText)); t != byText.end())
            pid = t->second;
        if (!pid) {
            if (!out.unmatched++)
                out.firstUnmatchedLine = row.line;
            continue;
        }
        ResponseRecord r;
        r.requestKey = "import:" + model + ":" + std::to_string(pid);
        r.model = model;
        r.promptId = pid;
        r.kind = "answer";
        r.status = row.status;
        r.error = row.problem;
        r.text = row.output;
        r.source = "import";
        json raw = {{"file", fileName}, {"line", row.line}};
        if (!row.generator.empty())
            raw["generator"] = row.generator;
        r.rawJson = raw.dump();
        if (const auto it = kept.find(pid); it != kept.end()) {
            ResponseRecord &first = out.records[it->second];
            if (!out.duplicates++)
                out.firstDuplicateLine = row.line;
            if (first.text != r.text || first.status != r.status)
                ++out.conflictingDuplicates;
            if (duplicates == DuplicatePolicy::KeepLast)
                first = std::move(r);
            continue;
        }
        kept.emplace(pid, out.records.size());
        out.records.push_back(std::move(r));
    }
    for (const auto &r : out.records)
        if (r.status != AnswerStatus::Ok && !out.unusable++)
            out.firstUnusableLine = json::parse(r.rawJson).value("line", 0);
    return out;
}

} // namespace ds::data
