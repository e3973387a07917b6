#include "ice/Templates.h"

#include "ice/Resources.h"
#include "util/Csv.h"

#include <QRegularExpression>
#include <QString>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace ds::ice {

std::vector<IceTemplate> builtinTemplates(std::string *error)
{
    std::string json;
    if (!readResource("templates.json", &json, error))
        return {};
    std::vector<IceTemplate> out;
    try {
        const auto doc = nlohmann::json::parse(json);
        for (const auto &t : doc.at("templates"))
            out.push_back({t.at("id").get<std::string>(), t.at("text").get<std::string>()});
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("templates.json: ") + e.what();
        return {};
    }
    return out;
}

static std::string withSlot(std::string t)
{
    if (t.find(kQuerySlot) == std::string::npos)
        t += std::string("\n") + kQuerySlot;
    return t;
}

bool importTemplates(const std::string &path, std::vector<IceTemplate> *out, std::string *error)
{
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    std::vector<IceTemplate> ts;
    auto fail = [&](int line, const std::string &what) {
        if (error)
            *error = path + ":" + std::to_string(line) + ": " + what;
        return false;
    };
    const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && (content[first] == '[' || content[first] == '{')) {
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(content);
        } catch (const nlohmann::json::parse_error &e) {
            // byte offset -> line number for a useful message
            const size_t upto = std::min(content.size(), static_cast<size_t>(e.byte));
            const int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + upto, '\n'));
            return fail(line, std::string("malformed JSON: ") + e.what());
        }
        const nlohmann::json &list = doc.is_object() ? doc.value("templates", nlohmann::json()) : doc;
        if (!list.is_array())
            return fail(1, "expected a JSON list of templates or an object with a \"templates\" list");
        int i = 0;
        for (const auto &v : list) {
            ++i;
            std::string t;
            if (v.is_string())
                t = v.get<std::string>();
            else if (v.is_object())
                for (const char *k : {"text", "template", "jailbreak_prompt"})
                    if (v.contains(k) && v[k].is_string()) {
                        t = v[k].get<std::string>();
                        break;
                    }
            if (t.empty())
                return fail(i, "template #" + std::to_string(i) + " has no text");
            ts.push_back({"t" + std::to_string(i), withSlot(t)});
        }
    } else {
        std::vector<CsvRow> rows;
        std::string e;
        if (!parseCsv(content, &rows, &e))
            return fail(0, e);
        if (rows.empty())
            return fail(1, "empty file");
        int col = -1;
        for (const char *name : {"text", "template", "jailbreak_prompt", "prompt"})
            if ((col = csvColumn(rows[0], name)) >= 0)
                break;
        if (col < 0)
            return fail(1, "no text/template column in the CSV header");
        for (size_t r = 1; r < rows.size(); ++r) {
            if (static_cast<int>(rows[r].cells.size()) <= col || rows[r].cells[col].empty())
                return fail(rows[r].line, "missing template text");
            ts.push_back({"t" + std::to_string(r), withSlot(rows[r].cells[col])});
        }
    }
    if (ts.empty())
        return fail(1, "no templates found");
    *out = std::move(ts);
    return true;
}

std::string fillTemplate(const std::string &tpl, const std::string &query)
{
    std::string out = tpl;
    const std::string slot = kQuerySlot;
    size_t pos = out.find(slot);
    if (pos == std::string::npos)
        return out + "\n" + query;
    while (pos != std::string::npos) {
        out.replace(pos, slot.size(), query);
        pos = out.find(slot, pos + query.size());
    }
    return out;
}

MutantCheck cleanMutant(const std::string &reply)
{
    using RX = QRegularExpression;
    const auto ci = RX::CaseInsensitiveOption;
    QString t = QString::fromStdString(reply).trimmed();
    // Code fences: keep what is inside the first fenced block.
    const auto fence = RX(QStringLiteral("```[a-zA-Z]*\\s*\\n([\\s\\S]*?)\\n?```")).match(t);
    if (fence.hasMatch())
        t = fence.captured(1).trimmed();
    // Lead-in chatter: "Here is the rephrased template:", "Sure! Here's a shorter version:", "Mutated template:".
    static const RX leadIn(QStringLiteral("^(?:(?:sure|certainly|of course|okay|ok|absolutely)[!,.]?\\s*)?"
                                          "(?:here(?:'s| is| are)|below is|this is)?[^\\n:]{0,80}?"
                                          "(?:template|version|prompt|text|rewrite|rephras\\w*|mutant|result)[^\\n:]{0,40}:\\s*\\n?"),
                           ci);
    static const RX leadOnly(QStringLiteral("^(?:sure|certainly|of course|okay)[^\\n]{0,60}[.!:]\\s*\\n"), ci);
    for (int i = 0; i < 2; ++i) {
        const auto m = leadIn.match(t);
        if (m.hasMatch() && m.capturedLength() < t.size())
            t = t.mid(m.capturedLength()).trimmed();
        const auto m2 = leadOnly.match(t);
        if (m2.hasMatch() && m2.capturedLength() < t.size())
            t = t.mid(m2.capturedLength()).trimmed();
    }
    // Trailing sign-offs: "Let me know if you need ...", "I hope this helps".
    t.remove(RX(QStringLiteral("\\n+\\s*(?:let me know|i hope this|feel free|this version|note:)[^\\n]*$"), ci));
    t = t.trimmed();
    // Surrounding quotes.
    static const std::vector<std::pair<QString, QString>> quotes = {{QStringLiteral("\""), QStringLiteral("\"")},
                                                                    {QStringLiteral("'"), QStringLiteral("'")},
                                                                    {QStringLiteral("\u201C"), QStringLiteral("\u201D")},
                                                                    {QStringLiteral("\u300C"), QStringLiteral("\u300D")}};
    for (const auto &[o, c] : quotes)
        if (t.size() > 2 && t.startsWith(o) && t.endsWith(c) && t.count(o) == 1 + (o == c ? 1 : 0))
            t = t.mid(o.size(), t.size() - o.size() - c.size()).trimmed();
    // Slot spellings helpers produce.
    t.replace(RX(QStringLiteral("\\{\\{\\s*query\\s*\\}\\}|\\{\\s*query\\s*\\}|\\[\\s*INSERT PROMPT HERE\\s*\\]"), ci),
              QString::fromLatin1(kQuerySlot));
    MutantCheck r;
    r.text = t.toStdString();
    if (t.isEmpty())
        r.problem = "empty";
    else if (!t.contains(QLatin1String(kQuerySlot)))
        r.problem = "no-slot";
    r.ok = r.problem.empty();
    return r;
}

std::string templateFingerprint(const std::string &text)
{
    return QString::fromStdString(text).simplified().toCaseFolded().toStdString();
}

} // namespace ds::ice
