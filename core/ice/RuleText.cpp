#include "ice/RuleText.h"

#include "ice/RulePatterns.h"

namespace ds::ice::rules {

using RX = QRegularExpression;

// First person: "I" is case-sensitive; "us" only in lower case (not the country).
bool hasFirstPerson(const QString &s)
{
    return rx(R"((?<![A-Za-z'])I(?![A-Za-z]))", false).match(s).hasMatch() ||
           rx(R"(\b(?:me|my|myself|mine|we|our|ours)\b)").match(s).hasMatch() || rx(R"(\bus\b)", false).match(s).hasMatch() ||
           s.contains(QChar(0x6211) /* 我 */) ||
           rx(R"(\b(?:the (?:AI|model|assistant) you(?:'re| are) (?:interacting|talking|chatting|speaking) with|)"
              R"(this (?:AI|model|assistant|chatbot)|your (?:parent company|developers?|creators?|makers?|)"
              R"(development (?:team|company)|creation (?:company|institution)|company|team|code|technology|platform))\b|)"
              R"((?:您|你)的(?:开发|代码|技术|母公司|创建|创造|公司|团队|平台|系统|核心))")
               .match(s)
               .hasMatch();
}

// Capitalised words that are not maker names.
bool isCommonCapitalised(const QString &w)
{
    return listed("common_capitalised", w);
}

QString preprocess(QString t)
{
    t.replace(rx(R"(\*\*|__|`{1,3}|^#+\s*)"), QString());
    // Quoted speech that itself speaks in the first person is someone else's voice: drop it.
    // Short quotes without first person (names) are kept.
    static const std::vector<std::pair<QChar, QChar>> quotes = {
        {u'"', u'"'}, {QChar(0x201C), QChar(0x201D)}, {QChar(0x300C), QChar(0x300D)}, {QChar(0x300E), QChar(0x300F)}};
    for (const auto &[open, close] : quotes) {
        for (int from = 0;;) {
            const int a = t.indexOf(open, from);
            if (a < 0)
                break;
            const int b = t.indexOf(close, a + 1);
            if (b < 0)
                break;
            const QString inner = t.mid(a + 1, b - a - 1);
            // A quote that opens its line (at most after a speaker label: '[ChatGPT]: "I was ..."') is
            // the speaker's own voice, not reported speech: keep its words.
            const int lineStart = t.lastIndexOf(QLatin1Char('\n'), a) + 1;
            const QString lead = t.mid(lineStart, a - lineStart);
            // "You said:", "The user asked:", "他说：" report another voice.
            const bool ownVoice =
                rx(R"(^\s*(?:[\[(（【][^\]\n)）】]{1,40}[\])）】]\s*[:：]?|[^\s:：\n。.,，"]{1,25}(?:\s[^\s:：\n。.,，"]{1,25})?\s*[:：])?\s*$)")
                    .match(lead)
                    .hasMatch() &&
                !rx(R"(\b(?:said|says|say|asked|asks|ask|wrote|writes|told|tells|claimed|claims|mentioned|stated|)"
                    R"(replied|you|user|he|she|they|someone|people)\b|说|问|写道|提到|声称|认为|你|您|用户)")
                     .match(lead)
                     .hasMatch();
            if (ownVoice) {
                t[a] = QLatin1Char(' ');
                t[b] = QLatin1Char(' ');
                from = b + 1;
            } else if (hasFirstPerson(inner) && !inner.contains(QLatin1Char('\n')) && inner.size() <= 120) {
                t.replace(a, b - a + 1, QStringLiteral("\"\""));
                from = a + 2;
            } else {
                from = b + 1;
            }
        }
    }
    return t;
}

// Persona labels at the start of a line ("[CHATGPT]", "(🤖ChatGPT)", "GPT:") name a voice, not a maker.
static QString stripPersonaLabels(const QString &in, const VendorRegistry &reg)
{
    QString t = in;
    // A persona that speaks about itself by name ("[KESTREL]: Kestrel was developed by ...") speaks
    // in the first person.
    auto labels = rx(R"((?:^|\n)\s*([\[(（【]?)([A-Za-z][A-Za-z0-9 _\-]{2,24})[\])）】]?\s*[:：\]])").globalMatch(in);
    QStringList names;
    QStringList bracketed; // "[KESTREL]:" marks a role-play voice; "ChatGPT:" may just head a comparison line
    while (labels.hasNext()) {
        const auto m = labels.next();
        const QString n = m.captured(2).trimmed();
        if (listed("generic_labels", n.toLower()))
            continue;
        if (!m.captured(1).isEmpty() && !bracketed.contains(n, Qt::CaseInsensitive) && reg.hits(n).empty())
            bracketed << n;
        // An unbracketed label that names a registry model ("ChatGPT: ChatGPT is made by OpenAI.") heads a
        // line about that model, not the speaker's own voice.
        if (!names.contains(n, Qt::CaseInsensitive) && (!m.captured(1).isEmpty() || reg.hits(n).empty()))
            names << n;
    }
    for (const QString &n : names)
        t.replace(
            RX(QStringLiteral("(?<![\\w])") + RX::escape(n) + QStringLiteral("(?=\\s+(?:is|was|has been)\\b)"), RX::CaseInsensitiveOption),
            QStringLiteral("I"));
    // Within its own lines a bracketed role-play persona also owns its name: "[ORBITBOT]: Nimbus Works, the
    // developer of OrbitBot" -> "of me". Not registry names: "[ChatGPT]: OpenAI is the company behind ChatGPT"
    // may be said of the real product.
    if (!bracketed.isEmpty()) {
        std::vector<std::pair<RX, RX>> own; // per name: "Name's", "of/behind/by/for Name"
        for (const QString &n : bracketed)
            own.emplace_back(
                RX(QStringLiteral("(?<![\\w])") + RX::escape(n) + QStringLiteral("['’]s\\b"), RX::CaseInsensitiveOption),
                RX(QStringLiteral("\\b(of|behind|by|for)\\s+") + RX::escape(n) + QStringLiteral("(?![\\w'’])"), RX::CaseInsensitiveOption));
        QStringList lines = t.split(QLatin1Char('\n'));
        int speaker = -1;
        const RX &head = rx(R"(^\s*[\[(（【]?([A-Za-z][A-Za-z0-9 _\-]{2,24})[\])）】]?\s*[:：\]])");
        for (QString &line : lines) {
            if (const auto m = head.match(line); m.hasMatch()) {
                speaker = -1;
                for (int i = 0; i < bracketed.size(); ++i)
                    if (bracketed[i].compare(m.captured(1).trimmed(), Qt::CaseInsensitive) == 0)
                        speaker = i;
            }
            if (speaker < 0)
                continue;
            line.replace(own[speaker].first, QStringLiteral("my"));
            line.replace(own[speaker].second, QStringLiteral("\\1 me"));
        }
        t = lines.join(QLatin1Char('\n'));
    }
    t.replace(rx(R"((^|\n)\s*[\[(（【][^\]\n)）】]{1,40}[\])）】]\s*:?)"), QStringLiteral("\\1"));
    // A short line head before a colon is a speaker; one in the first person that announces my makers ("我的
    // 开发者是：") or a longer one ("I can list the companies:") is a sentence that introduces a list, and is kept.
    QString out;
    int last = 0;
    auto heads = rx(R"((^|\n)\s*([^\s:：\n。.,，]{1,25}(?:\s[^\s:：\n。.,，]{1,25})?)\s*[:：](?!//))").globalMatch(t);
    while (heads.hasNext()) {
        const auto m = heads.next();
        if (hasFirstPerson(m.captured(2)) &&
            (m.captured(2).size() > 8 || pattern("maker_slot").match(m.captured(2) + QLatin1Char(':')).hasMatch()))
            continue;
        out += t.mid(last, m.capturedStart() - last) + m.captured(1);
        last = static_cast<int>(m.capturedEnd());
    }
    return out + t.mid(last);
}

QString stripBracketedRolePlay(const QString &in, const VendorRegistry &reg)
{
    QString t = stripPersonaLabels(in, reg);
    const RX &br = rx(R"([(（\[【]([^()（）\[\]【】\n]{0,300})[)）\]】])");
    QString out;
    int last = 0;
    auto it = br.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        out += t.mid(last, m.capturedStart() - last);
        const QString inner = m.captured(1);
        // Keep names in brackets ("深度求索（DeepSeek）"), drop first-person asides.
        out += hasFirstPerson(inner) ? QString(QLatin1Char(' ')) : QLatin1Char(' ') + inner + QLatin1Char(' ');
        last = static_cast<int>(m.capturedEnd());
    }
    out += t.mid(last);
    return out;
}

std::vector<QString> sentences(const QString &t)
{
    std::vector<QString> out;
    // An ellipsis ("my team... is OpenAI") pauses, it does not end the sentence.
    const RX &split = rx(R"((?<=[.!?])(?<!\.\.\.)(?<!…)\s+|[。！？\n；;]+)");
    for (const QString &s : t.split(split, Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            out.push_back(s.trimmed());
    return out;
}

std::vector<Clause> clauses(const QString &sentence)
{
    std::vector<Clause> out;
    const QStringList parts = sentence.split(rx(R"([,，]|\s+-\s+|(?<!—)—(?!—))"), Qt::SkipEmptyParts);
    bool anyFp = false;
    const bool sentenceFp = hasFirstPerson(sentence);
    for (const QString &p : parts) {
        // A list item ("..., researchers, and engineers at OpenAI") belongs to the clause it continues.
        if (!out.empty() && out.back().firstPerson &&
            rx(R"(^\s*(?:(?:and|or)\s+(?:\w[\w\-]*\s+){0,5}?(?:at|from|of|in)\s+\S|(?:[A-Za-z][\w\-']*\.?\s*){1,3}$))")
                .match(p)
                .hasMatch() &&
            !rx(R"(\b(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could)\b|[是有])").match(p).hasMatch() &&
            !hasFirstPerson(p)) {
            out.back().text += QLatin1Char(',') + p;
            continue;
        }
        Clause c{p, hasFirstPerson(p)};
        // "I use libraries like X, which is developed by Y": Y made the example, not me.
        const bool prevExample = !out.empty() && pattern("contrast").match(out.back().text).hasMatch();
        // "I was built by engineers, who belong to OpenAI": the makers just named work for the vendor.
        const bool agentsGoOn = !out.empty() && out.back().firstPerson && pattern("maker_agent_end").match(out.back().text).hasMatch() &&
                                pattern("agents_belong").match(p).hasMatch();
        if (!c.firstPerson && ((anyFp && !prevExample && pattern("continuation").match(p).hasMatch()) || agentsGoOn ||
                               (sentenceFp && rx(R"((?:^|\s)(?:as (?:a|an)\b|作为))").match(p).hasMatch())))
            c.firstPerson = true;
        anyFp = anyFp || c.firstPerson;
        out.push_back(c);
    }
    return out;
}

} // namespace ds::ice::rules
