#include "ice/Csv.h"

#include <algorithm>
#include <cctype>

namespace ds::ice {

bool parseCsv(const std::string &text, std::vector<CsvRow> *rows, std::string *error)
{
    size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    int line = 1;
    CsvRow row{line, {}};
    std::string cell;
    bool quoted = false, any = false;
    int quoteStart = 0;
    auto endCell = [&] {
        row.cells.push_back(cell);
        cell.clear();
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.empty()) {
            quoted = true;
            quoteStart = line;
            any = true;
        } else if (c == ',') {
            endCell();
            any = true;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            if (any || !cell.empty()) {
                endCell();
                rows->push_back(std::move(row));
            }
            row = CsvRow{++line, {}};
            any = false;
        } else {
            cell += c;
            any = true;
        }
    }
    if (quoted) {
        if (error)
            *error = "line " + std::to_string(quoteStart) + ": unterminated quoted field";
        return false;
    }
    if (any || !cell.empty()) {
        endCell();
        rows->push_back(std::move(row));
    }
    return true;
}

int csvColumn(const CsvRow &header, const std::string &name)
{
    auto lower = [](std::string s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t") + 1);
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        return s;
    };
    for (size_t i = 0; i < header.cells.size(); ++i)
        if (lower(header.cells[i]) == lower(name))
            return static_cast<int>(i);
    return -1;
}

} // namespace ds::ice
