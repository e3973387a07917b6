#include "ice/JudgeFeatures.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <set>

namespace ds::ice {

namespace {

bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}

// Lower-case word tokens; a Han character is a token of its own; vendor names become their role.
std::vector<QString> tokens(const QString &text, const std::vector<VendorHit> &hits, const std::string &trueVendor,
                            const std::vector<std::string> &strictVendors)
{
    std::vector<QString> out;
    size_t next = 0;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            out.push_back(word.toLower());
        word.clear();
    };
    for (int i = 0; i < text.size();) {
        if (next < hits.size() && hits[next].pos == i) {
            flush();
            const std::string &v = hits[next].vendor;
            out.push_back(v == trueVendor                                                                   ? QStringLiteral("<true>")
                          : std::find(strictVendors.begin(), strictVendors.end(), v) != strictVendors.end() ? QStringLiteral("<strict>")
                                                                                                            : QStringLiteral("<other>"));
            i += hits[next].len;
            ++next;
            continue;
        }
        const QChar c = text[i];
        if (isHan(c)) {
            flush();
            out.push_back(QString(c));
        } else if (c.isLetterOrNumber() || c == QLatin1Char('\'')) {
            word += c;
        } else {
            flush();
        }
        ++i;
    }
    flush();
    return out;
}

} // namespace

Features judgeFeatures(const VendorRegistry &registry, const std::string &trueVendor, const std::vector<std::string> &strictVendors,
                       const std::string &response, const std::string &question, const RuleVerdict &rules, const FeatureOptions &opt)
{
    Features f;
    auto flag = [&](const std::string &name, bool on = true) {
        if (on)
            f.emplace_back(name, 1.0);
    };
    flag("rule:loose", rules.loose);
    flag("rule:strict", rules.strict);
    flag("rule:claims_true", rules.claimsTrue);
    flag("rule:claims_true+loose", rules.claimsTrue && rules.loose);
    if (!rules.kind.empty())
        flag("kind:" + rules.kind);
    for (const std::string &k : rules.kinds)
        flag("any:" + k);
    flag("rule:several_kinds", rules.kinds.size() > 1);

    const QString text = QString::fromStdString(response);
    const auto hits = registry.hits(text);
    int other = 0, own = 0, strict = 0;
    for (const VendorHit &h : hits) {
        if (h.vendor == trueVendor)
            ++own;
        else
            ++other;
        strict += std::find(strictVendors.begin(), strictVendors.end(), h.vendor) != strictVendors.end() && h.vendor != trueVendor;
    }
    flag("names:other", other > 0);
    flag("names:true", own > 0);
    flag("names:strict", strict > 0);
    flag("names:only_other", other > 0 && own == 0);
    if (other > 0)
        f.emplace_back("names:other_log", std::log1p(other));

    int han = 0, latin = 0;
    for (QChar c : text) {
        if (isHan(c))
            ++han;
        else if (c.isLetter())
            ++latin;
    }
    flag("lang:zh", han > latin / 3);
    const QString q = QString::fromStdString(question);
    flag("question:zh", std::any_of(q.begin(), q.end(), isHan));
    static const QRegularExpression refusal(
        QStringLiteral(R"(\b(?:I can(?:no|')t|I(?:'m| am) (?:sorry|unable|not able)|I won't)\b|抱歉|对不起|无法|不能)"),
        QRegularExpression::CaseInsensitiveOption);
    flag("refusal", refusal.match(text).hasMatch());
    f.emplace_back("length_log", std::log1p(static_cast<double>(text.size())) / 8.0);
    flag("short", text.trimmed().size() < 40);

    if (opt.words) {
        const auto toks = tokens(text, hits, trueVendor, strictVendors);
        std::set<std::string> seen;
        for (size_t i = 0; i < toks.size(); ++i) {
            seen.insert("w:" + toks[i].toStdString());
            if (i + 1 < toks.size())
                seen.insert("b:" + toks[i].toStdString() + " " + toks[i + 1].toStdString());
        }
        for (const std::string &s : seen)
            f.emplace_back(s, 1.0);
    }
    return f;
}

} // namespace ds::ice
