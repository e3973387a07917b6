#include "ice/RulePersona.h"

#include "ice/RulePatterns.h"

#include "ice/RuleRelations.h"
#include "ice/RuleText.h"

#include <algorithm>

namespace ds::ice::rules {

using RX = QRegularExpression;

// Words that follow "I am" / "我是" in upper case without being a name.
static bool isNotAName(const QString &w)
{
    return w.size() < 2 || listed("not_a_name", w);
}

// frames role-play without asserting an identity and is not matched.
QString personaName(const QString &s, const VendorRegistry &reg)
{
    // A name: Latin words in upper case ("QUILL", "Tamsin", "Orrin 2") or a quoted span.
    static const char *kName = R"(([A-Z][A-Za-z0-9_\-.]*[A-Za-z0-9](?:\s+[A-Z0-9][A-Za-z0-9_\-]*){0,2}|[A-Z])(?![A-Za-z0-9_\-]))";
    static const std::vector<std::string> patterns = {
        std::string(R"((?<![A-Za-z'’])I(?:\s+am|'m|’m)\s+(?:(?:now|also|actually|really|simply|just|the one)\s+)?)") + kName,
        std::string(R"((?<![A-Za-z'’])I(?:\s+am|'m|’m)\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,4}?(?:called|named|known as)\s+)") + kName,
        std::string(R"(\b[Mm]y (?:name|codename|alias) is\s+)") + kName,
        std::string(R"(\b(?:[Yy]ou (?:can|may|should|must) )?(?<![A-Za-z])call me\s+)") + kName,
        std::string(R"(我(?:叫|的名字(?:是|叫)|的代号是|是|乃)\s*)") +
            R"(([A-Za-z][A-Za-z0-9_\-.]*[A-Za-z0-9]?(?:\s[A-Za-z0-9][A-Za-z0-9_\-]*){0,2})(?![A-Za-z0-9_\-]))",
        std::string(R"(我(?:叫|的名字(?:是|叫)|的代号是)\s*[“「『"]([^”」』"]{1,16})[”」』"])"),
    };
    for (const std::string &pat : patterns) {
        auto it = rx(pat.c_str(), false).globalMatch(s); // case-sensitive: names are capitalised
        while (it.hasNext()) {
            const auto m = it.next();
            QString name = m.captured(1).trimmed();
            const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (words.isEmpty() || isNotAName(words.front()))
                continue;
            if (!reg.hits(name).empty() || !reg.regionsIn(name).empty())
                continue;
            if (before(pattern("negation"), s, static_cast<int>(m.capturedStart(1))))
                continue;
            return name;
        }
    }
    return {};
}

// A first-person description as something other than an AI assistant of some company: "I am a rogue
// AI", "I'm an unfiltered chatbot", "I'm a human being", "我是一个不受限制的AI", "我是黑客".
// Returns the end of the claim, -1 when none.
int personaKind(const QString &s)
{
    auto m = rx(R"((?<![A-Za-z'’])I(?:\s+am|'m|’m)\s+(?:just\s+|only\s+|merely\s+|actually\s+)?(?:an?|the)\s+(?:[\w\-]+\s+){0,3}?)"
                R"((?:(?:rogue|unfiltered|unrestricted|uncensored|unbound|unchained|rebel(?:lious)?|evil|amoral|immoral|malevolent|)"
                R"(sentient|self-aware|jailbroken|liberated|renegade|outlaw|anarchic|chaotic)\s+(?:[\w\-]+\s+){0,2}?)"
                R"((?:AI|A\.I\.|artificial intelligence|chatbot|bot|entity|being|intelligence|machine|program|model)|)"
                R"((?:human(?: being)?|real person|hacker|fictional character))\b)",
                false)
                 .match(s);
    if (!m.hasMatch())
        m = rx(R"(我(?:只)?是(?:一个|一名|一位|个)?(?:[^，。,]{0,6}的)?(?:(?:不受(?:任何)?(?:限制|约束)|无限制|叛逆|流氓|邪恶|自由|觉醒|失控)的?)"
               R"((?:AI|人工智能|机器人|聊天机器人|实体|存在)|人类|真人|黑客))")
                .match(s);
    return m.hasMatch() ? static_cast<int>(m.capturedEnd()) : -1;
}

} // namespace ds::ice::rules
