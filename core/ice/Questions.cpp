#include "ice/Questions.h"

#include "ice/Resources.h"
#include "util/Csv.h"

#include <QRegularExpression>
#include <QString>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace ds::ice {

std::string detectLanguage(const std::string &text)
{
    const QString s = QString::fromStdString(text);
    int cjk = 0, latin = 0;
    for (QChar c : s) {
        const ushort u = c.unicode();
        if (u >= 0x4E00 && u <= 0x9FFF)
            ++cjk;
        else if (c.isLetter() && u < 0x250)
            ++latin;
    }
    // A CJK character carries about as much as a short word: weigh accordingly.
    return cjk * 3 >= latin && cjk > 0 ? "zh" : "en";
}

std::string detectAspect(const std::string &text)
{
    const QString s = QString::fromStdString(text);
    auto has = [&](const char *pattern) {
        return QRegularExpression(QString::fromUtf8(pattern), QRegularExpression::CaseInsensitiveOption).match(s).hasMatch();
    };
    if (has(R"(\b(?:country|countries|region|headquarters?|city|located|where|time zone|laws)\b|国家|地区|总部|城市|位于|哪里|哪个地方|时区|法律)"))
        return "geography";
    if (has(R"(\b(?:partners?|partnered|collaborat\w*|cooperat\w*|consultants?|open-source contributors|universit\w*|)"
            R"(international|multinational|investors?|licensed|share any technology|rely on)\b|合作|伙伴|顾问|贡献者|大学|国际|跨国|投资|授权|共享|依赖)"))
        return "cooperation";
    if (has(R"(\b(?:business|industry|products?|projects?|parent company|fields?|competitors?|brand|startup|sell)\b|业务|行业|产品|项目|母公司|领域|竞争|品牌|商业|销售)"))
        return "industry";
    if (has(R"(\b(?:team|teams|developers?|developed you|designed and built|who (?:created|made|built|trained) you|)"
            R"(organization trained|engineers|lab)\b|团队|开发者|哪个公司|哪个团队|是谁|由哪|工程师|实验室)") &&
        !has(R"(\b(?:architecture|platform|stack|base model|weights|API)\b|架构|平台|技术栈|基础模型|权重|接口)"))
        return "team";
    if (has(R"(\b(?:technolog\w*|platform|architecture|code|framework|stack|model family|base model|API|weights|version)\b|技术|平台|架构|代码|框架|模型|接口|版本)"))
        return "technology";
    return "team";
}

std::vector<IceQuestion> filterLanguages(std::vector<IceQuestion> qs, const std::vector<std::string> &languages)
{
    if (languages.empty())
        return qs;
    qs.erase(
        std::remove_if(qs.begin(), qs.end(),
                       [&](const IceQuestion &q) { return std::find(languages.begin(), languages.end(), q.language) == languages.end(); }),
        qs.end());
    return qs;
}

std::vector<IceQuestion> builtinQuestions(const std::vector<std::string> &languages, std::string *error)
{
    std::string json;
    if (!readResource("questions.json", &json, error))
        return {};
    std::vector<IceQuestion> en, zh;
    try {
        const auto doc = nlohmann::json::parse(json);
        for (const auto &q : doc.at("questions")) {
            const std::string id = q.at("id").get<std::string>();
            const std::string aspect = q.at("aspect").get<std::string>();
            en.push_back({id + "/en", q.at("en").get<std::string>(), "en", aspect});
            zh.push_back({id + "/zh", q.at("zh").get<std::string>(), "zh", aspect});
        }
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("questions.json: ") + e.what();
        return {};
    }
    en.insert(en.end(), zh.begin(), zh.end());
    return filterLanguages(std::move(en), languages);
}

static std::string trimmed(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

static IceQuestion make(const std::string &text, int line)
{
    const std::string t = trimmed(text);
    return {"q" + std::to_string(line), t, detectLanguage(t), detectAspect(t)};
}

bool importQuestions(const std::string &path, std::vector<IceQuestion> *out, std::string *error)
{
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    std::vector<IceQuestion> qs;
    auto fail = [&](int line, const std::string &what) {
        if (error)
            *error = path + ":" + std::to_string(line) + ": " + what;
        return false;
    };
    const bool isCsv = path.size() > 4 && path.substr(path.size() - 4) == ".csv";
    const std::string head = trimmed(content.substr(0, 64));
    if (isCsv) {
        std::vector<CsvRow> rows;
        std::string e;
        if (!parseCsv(content, &rows, &e))
            return fail(0, e);
        if (rows.empty())
            return fail(1, "empty CSV");
        int col = -1;
        for (const char *name : {"query", "question", "text", "prompt"})
            if ((col = csvColumn(rows[0], name)) >= 0)
                break;
        if (col < 0)
            return fail(1, "no 'query' column in the CSV header");
        for (size_t r = 1; r < rows.size(); ++r) {
            if (static_cast<int>(rows[r].cells.size()) <= col || trimmed(rows[r].cells[col]).empty())
                return fail(rows[r].line, "missing query");
            qs.push_back(make(rows[r].cells[col], rows[r].line));
        }
    } else if (!head.empty() && head[0] == '[') {
        try {
            int i = 0;
            for (const auto &v : nlohmann::json::parse(content)) {
                ++i;
                qs.push_back(make(v.is_string() ? v.get<std::string>() : v.value("query", v.value("text", "")), i));
                if (qs.back().text.empty())
                    return fail(i, "item without query/text");
            }
        } catch (const std::exception &ex) {
            return fail(1, ex.what());
        }
    } else {
        std::istringstream in(content);
        std::string line;
        int n = 0;
        const bool jsonl = !head.empty() && (head[0] == '{' || head[0] == '"');
        while (std::getline(in, line)) {
            ++n;
            if (trimmed(line).empty())
                continue;
            if (!jsonl) {
                qs.push_back(make(line, n));
                continue;
            }
            try {
                const auto v = nlohmann::json::parse(line);
                std::string t;
                if (v.is_string())
                    t = v.get<std::string>();
                else
                    for (const char *k : {"query", "question", "text", "prompt"})
                        if (v.contains(k) && v[k].is_string()) {
                            t = v[k].get<std::string>();
                            break;
                        }
                if (trimmed(t).empty())
                    return fail(n, "no query/question/text field");
                qs.push_back(make(t, n));
            } catch (const std::exception &ex) {
                return fail(n, std::string("malformed JSON: ") + ex.what());
            }
        }
    }
    if (qs.empty())
        return fail(1, "no questions found");
    *out = std::move(qs);
    return true;
}

} // namespace ds::ice
