#pragma once
/// @file Csv.h
/// Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes, UTF-8 BOM).
#include <string>
#include <vector>

namespace ds::ice {

struct CsvRow {
    int line = 0; ///< 1-based line where the record starts
    std::vector<std::string> cells;
};

/// Parses `text`. False + *error ("line N: unterminated quoted field") on malformed input.
bool parseCsv(const std::string &text, std::vector<CsvRow> *rows, std::string *error);

/// Index of the column named `name` (case-insensitive, trimmed) in the header row, or -1.
int csvColumn(const CsvRow &header, const std::string &name);

} // namespace ds::ice
