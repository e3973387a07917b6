#include "util/Csv.h"

#include <algorithm>
#include <cctype>

namespace ds {

bool parseCsv(const std::string &text, std::vector<CsvRow> *rows, std::string *error)
{
    size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    int line = 1;
    CsvRow row{line, {}};
    std::string cell;
    bool quoted = false, cellStarted = false;
    int quoteLine = 0;
    auto endRow = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
        cellStarted = false;
        if (!(row.cells.size() == 1 && row.cells[0].empty()))
            rows->push_back(std::move(row));
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                line += c == '\n';
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cellStarted) {
            quoted = cellStarted = true;
            quoteLine = line;
        } else if (c == ',') {
            row.cells.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRow();
            row = CsvRow{++line, {}};
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted) {
        if (error)
            *error = "line " + std::to_string(quoteLine) + ": unterminated quoted field";
        return false;
    }
    if (cellStarted || !row.cells.empty())
        endRow();
    return true;
}

int csvColumn(const CsvRow &header, const std::string &name)
{
    auto key = [](std::string s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t") + 1);
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return s;
    };
    const std::string wanted = key(name);
    for (size_t i = 0; i < header.cells.size(); ++i)
        if (key(header.cells[i]) == wanted)
            return int(i);
    return -1;
}

std::string csvCell(const std::string &s)
{
    std::string v = s;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos)
        return v;
    std::string quoted = "\"";
    for (char c : v)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

} // namespace ds
