#include "util/Latex.h"

namespace ds {

std::string latexEscape(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '\\':
            out += "\\textbackslash{}";
            break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
        case '{':
        case '}':
            out += '\\';
            out += c;
            break;
        case '~':
            out += "\\textasciitilde{}";
            break;
        case '^':
            out += "\\textasciicircum{}";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string latexTableFloat(const std::string &body, const std::string &caption, const std::string &label)
{
    return "\\begin{table}[t]\n\\centering\n" + body + "\\caption{" + caption + "}\n\\label{" + label + "}\n\\end{table}\n";
}

} // namespace ds
