#pragma once
// The project's one CSV reader and one CSV cell writer (datasets, ICE files, every CSV export).
#include <string>
#include <vector>

namespace ds {

struct CsvRow {
    int line = 0; ///< 1-based line where the record starts (a quoted cell may span lines)
    std::vector<std::string> cells;
};

/// Splits RFC 4180 text: quoted cells, doubled quotes, line breaks inside quotes, CRLF / LF / CR line
/// ends, a leading UTF-8 BOM. Blank lines are skipped. False + *error ("line N: unterminated quoted
/// field") when a quote never closes; the rows before it are still in *rows.
bool parseCsv(const std::string &text, std::vector<CsvRow> *rows, std::string *error);

/// Index of the column named `name` in a header row (trimmed, ASCII case-insensitive), or -1.
int csvColumn(const CsvRow &header, const std::string &name);

/// One cell for a CSV file: quoted when needed, and a value a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) is prefixed with ' so that it stays text.
std::string csvCell(const std::string &s);

} // namespace ds
