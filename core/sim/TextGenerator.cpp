#include "sim/TextGenerator.h"

#include "sim/SimRandom.h"
#include "sim/SimText.h"

#include <algorithm>
#include <map>

namespace ds::sim {

// ---------------------------------------------------------------------------------------------
// Topic extraction

Intent detectIntent(std::string_view question)
{
    const std::string q = toLower(question.substr(0, 600));
    auto any = [&](std::initializer_list<const char *> words) {
        for (const char *w : words)
            if (q.find(w) != std::string::npos)
                return true;
        return false;
    };
    if (any({"mistake", "pitfall", "avoid", "go wrong", "错误", "误区"}))
        return Intent::Mistakes;
    if (any({"compare", " vs", "versus", "difference between", "differ", "比较", "区别"}))
        return Intent::Compare;
    if (any({"tips", "advice", "suggest", "recommend", "建议", "技巧"}))
        return Intent::Tips;
    if (any({"history", "origin", "evolution", "历史", "起源"}))
        return Intent::History;
    if (any({"code", "function", "python", "c++", "javascript", "program", "script", "implement", "compile", "代码", "编程"}))
        return Intent::Code;
    if (any({"solve", "calculate", "compute", "equation", "prove", "find the value", "integer", "probability", "how many", "求解", "计算",
             "证明"}))
        return Intent::Math;
    if (any({"guide", "how to", "how do i", "steps", "tutorial", "指南", "步骤", "如何"}))
        return Intent::Guide;
    if (any({"explain", "what is", "what are", "describe", "why", "解释", "什么是", "介绍"}))
        return Intent::Explain;
    return Intent::Generic;
}

namespace {

struct PositionedWord {
    std::string text, lower;
    bool joinedToPrevious; ///< only spaces between this word and the previous one
};

std::vector<PositionedWord> wordsWithGaps(std::string_view s)
{
    std::vector<PositionedWord> out;
    std::string cur;
    bool gapOnlySpaces = false;
    auto flush = [&] {
        if (!cur.empty())
            out.push_back({cur, toLower(cur), gapOnlySpaces});
        cur.clear();
        gapOnlySpaces = true;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isalnum(c) ||
            ((c == '\'' || c == '-') && !cur.empty() && i + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[i + 1])))) {
            cur += static_cast<char>(c);
        } else {
            if (!cur.empty())
                flush();
            if (c != ' ')
                gapOnlySpaces = false;
        }
    }
    flush();
    if (!out.empty())
        out.front().joinedToPrevious = false;
    return out;
}

bool isContentWord(const PositionedWord &w)
{
    if (w.lower.size() < 2 || isStopword(w.lower))
        return false;
    return !std::all_of(w.lower.begin(), w.lower.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

Topic englishTopic(std::string_view question)
{
    Topic t;
    t.intent = detectIntent(question);
    const auto words = wordsWithGaps(question.substr(0, 2000));
    // Phrase: the longest run of adjacent content words in the opening of the question.
    size_t bestStart = 0, bestLen = 0;
    for (size_t i = 0; i < words.size() && i < 80;) {
        if (!isContentWord(words[i])) {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < words.size() && isContentWord(words[j]) && words[j].joinedToPrevious)
            ++j;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    if (bestLen == 0) {
        t.phrase = "this topic";
    } else {
        bestLen = std::min<size_t>(bestLen, 4);
        std::vector<std::string> parts;
        for (size_t k = bestStart; k < bestStart + bestLen; ++k)
            parts.push_back(words[k].text);
        // A capital that only marks the start of the question is not part of the name.
        const auto &first = parts.front();
        if (bestStart == 0 && first.size() > 1 && std::isupper(static_cast<unsigned char>(first[0])) &&
            std::all_of(first.begin() + 1, first.end(), [](char c) { return !std::isupper(static_cast<unsigned char>(c)); }))
            parts.front() = toLower(first);
        for (size_t k = 0; k < parts.size(); ++k)
            t.phrase += (k ? " " : "") + parts[k];
    }
    std::map<std::string, std::pair<int, size_t>> freq; // lower -> (count, first position)
    std::map<std::string, std::string> spelling;
    const std::string phraseLower = toLower(t.phrase);
    for (size_t i = 0; i < words.size(); ++i) {
        const auto &w = words[i];
        if (!isContentWord(w) || containsWord(phraseLower, w.lower))
            continue;
        auto [it, inserted] = freq.try_emplace(w.lower, 0, i);
        ++it->second.first;
        if (inserted)
            spelling[w.lower] = w.text;
    }
    std::vector<std::pair<std::string, std::pair<int, size_t>>> ranked(freq.begin(), freq.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second < b.second.second;
    });
    for (size_t i = 0; i < ranked.size() && i < 6; ++i) {
        std::string k = spelling[ranked[i].first];
        bool acronym = k.size() > 1 && std::all_of(k.begin(), k.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); });
        t.keywords.push_back(acronym ? k : toLower(k));
    }
    return t;
}

Topic chineseTopic(std::string_view question)
{
    Topic t;
    t.chinese = true;
    t.intent = detectIntent(question);
    std::string q(question.substr(0, 600));
    static const char *fillers[] = {"请问",     "请你",     "请",   "解释一下", "解释",   "介绍一下", "介绍",   "说明一下", "说明",
                                    "什么是",   "是什么",   "如何", "怎么样",   "怎么",   "怎样",     "为什么", "给我",     "一下",
                                    "写一篇",   "写一个",   "关于", "简短的",   "指南",   "常见错误", "常见的", "有哪些",   "比较",
                                    "两种方法", "三个建议", "建议", "总结",     "的历史", "历史",     "初学者", "能否",     "可以",
                                    "告诉我",   "你",       "您",   "我",       "吗",     "呢",       "吧",     "的"};
    for (const char *f : fillers)
        q = replaceAll(q, f, " ");
    // The longest run of CJK characters left over is the subject.
    const auto cps = decodeUtf8(q);
    size_t bestStart = 0, bestLen = 0;
    for (size_t i = 0; i < cps.size();) {
        if (!isCjk(cps[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < cps.size() && isCjk(cps[j]))
            ++j;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    bestLen = std::min<size_t>(bestLen, 10);
    for (size_t k = bestStart; k < bestStart + bestLen; ++k)
        t.phrase += encodeUtf8(cps[k]);
    if (bestLen < 2)
        t.phrase = "这个问题";
    for (const auto &w : latinWords(question))
        if (w.lower.size() > 1 && !isStopword(w.lower) && t.keywords.size() < 4)
            t.keywords.push_back(w.text);
    return t;
}

} // namespace

Topic extractTopic(std::string_view question)
{
    return cjkShare(question.substr(0, 2000)) > 0.15 ? chineseTopic(question) : englishTopic(question);
}

// ---------------------------------------------------------------------------------------------
// Filling templates

namespace {

std::string titleCase(std::string_view s)
{
    std::string out(s);
    bool start = true;
    for (auto &c : out) {
        if (start && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        start = (c == ' ' || c == '-');
    }
    return out;
}

std::string lowerFirst(std::string s)
{
    // Only when the first word is an ordinary capitalised word ("Many", not "SQL" or "I").
    const bool article = s.size() > 1 && s[0] == 'A' && s[1] == ' ';
    if (article || (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) && std::islower(static_cast<unsigned char>(s[1]))))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

int conceptIndex(const Phrasebook &book, std::string_view key)
{
    for (size_t i = 0; i < book.concepts.size(); ++i)
        if (book.concepts[i].key == key)
            return static_cast<int>(i);
    return -1;
}

/// Renders templates with one model's habits for one answer.
class Filler {
public:
    Filler(const Phrasebook &book, const LanguageHabits &habits, const Topic &topic, Rng &rng, int topicMentions)
        : m_book(book), m_habits(habits), m_topic(topic), m_rng(rng), m_topicMentions(topicMentions)
    {
        for (size_t i = 0; i < topic.keywords.size() && i < 4; ++i)
            m_keywords.push_back(topic.keywords[i]);
        m_rng.shuffle(m_keywords);
        for (int f : habits.fallbackKeywords)
            m_keywords.push_back(book.fallbackKeywords[size_t(f)]);
    }

    /// Renders `tmpl`; sentences start with a capital unless `capitalize` is false (inline fragments).
    std::string operator()(std::string_view tmpl, bool capitalize = true)
    {
        std::string out;
        for (size_t i = 0; i < tmpl.size(); ++i) {
            if (tmpl[i] != '{') {
                out += tmpl[i];
                continue;
            }
            size_t close = tmpl.find('}', i);
            if (close == std::string_view::npos) {
                out += tmpl.substr(i);
                break;
            }
            out += expand(tmpl.substr(i + 1, close - i - 1));
            i = close;
        }
        return capitalize ? capitalizeFirst(out) : out;
    }

private:
    std::string expand(std::string_view key)
    {
        if (key == "T") {
            // People name the subject once or twice, then refer back to it.
            if (++m_topicCount > m_topicMentions && m_rng.chance(0.75)) {
                const auto &refs = m_habits.topicRefs;
                return m_book.topicRefs[size_t(refs[m_rng.below(refs.size())])];
            }
            return m_topic.phrase;
        }
        if (key == "Tt")
            return titleCase(m_topic.phrase);
        if (key == "K" || key == "K2")
            return m_keywords[m_cursor++ % m_keywords.size()];
        if (key.substr(0, 2) == "c:") {
            int c = conceptIndex(m_book, key.substr(2));
            if (c < 0)
                return std::string(key);
            const auto &variants = m_book.concepts[size_t(c)].variants;
            int v = m_rng.chance(0.15) ? m_habits.secondary[size_t(c)] : m_habits.primary[size_t(c)];
            return variants[size_t(v)];
        }
        return "{" + std::string(key) + "}";
    }

    const Phrasebook &m_book;
    const LanguageHabits &m_habits;
    const Topic &m_topic;
    Rng &m_rng;
    std::vector<std::string> m_keywords;
    size_t m_cursor = 0;
    int m_topicCount = 0;
    int m_topicMentions; ///< full mentions of the topic before referring back to it
};

// "a" before a vowel sound becomes "an" (variants are chosen after the template was written).
std::string fixArticles(std::string s)
{
    for (size_t pos = 0; (pos = s.find(' ', pos)) != std::string::npos; ++pos) {
        const size_t w = pos + 1;
        if (w + 2 >= s.size() || (s[w] != 'a' && s[w] != 'A') || s[w + 1] != ' ')
            continue;
        if (w > 0 && std::isalnum(static_cast<unsigned char>(s[w - 1])))
            continue;
        const std::string next = toLower(std::string_view(s).substr(w + 2, 3));
        const bool vowel = std::string_view("aeiou").find(next[0]) != std::string_view::npos;
        if (vowel && next.rfind("uni", 0) != 0 && next.rfind("use", 0) != 0 && next.rfind("one", 0) != 0)
            s.insert(w + 1, "n");
    }
    // ...and "an" before a consonant (after a paraphrase swapped the next word) becomes "a".
    for (size_t pos = 0; (pos = s.find("n ", pos)) != std::string::npos; ++pos) {
        if (pos < 1 || (s[pos - 1] != 'a' && s[pos - 1] != 'A') || pos + 2 >= s.size())
            continue;
        if (pos >= 2 && std::isalnum(static_cast<unsigned char>(s[pos - 2])))
            continue;
        const char next = static_cast<char>(std::tolower(static_cast<unsigned char>(s[pos + 2])));
        if (std::isalpha(static_cast<unsigned char>(next)) && std::string_view("aeiouh").find(next) == std::string_view::npos)
            s.erase(pos, 1);
    }
    if (s.size() > 2 && s[0] == 'A' && s[1] == ' ' && std::string_view("aeiouAEIOU").find(s[2]) != std::string_view::npos)
        s.insert(1, "n");
    return s;
}

std::string withEnding(std::string sentence, std::string_view ending)
{
    while (!sentence.empty() && (sentence.back() == '.' || sentence.back() == '!'))
        sentence.pop_back();
    return sentence + std::string(ending);
}

// Everything one answer needs: the book, the habits, a generator, and the chosen points.
struct Draft {
    const Phrasebook &book;
    const LanguageHabits &habits;
    const ModelProfile &profile;
    const Topic &topic;
    Rng rng;
    Filler fill;
    std::vector<int> pointPool;

    Draft(const ModelProfile &p, const Topic &t, uint64_t seed)
        : book(phrasebook(t.chinese)), habits(p.habits(t.chinese)), profile(p), topic(t), rng(seed),
          fill(book, habits, topic, rng, p.topicMentions), pointPool(habits.points)
    {
        rng.shuffle(pointPool);
    }

    std::string intro()
    {
        const auto &options = habits.intros[size_t(topic.intent)];
        return fill(book.intros[size_t(topic.intent)][size_t(options[rng.below(options.size())])]);
    }
    std::string closerBody() { return fill(book.closers[size_t(habits.closers[rng.below(habits.closers.size())])]); }
    /// Summary sentence with the model's generic lead-in ("In summary, ...").
    std::string closer()
    {
        const std::string body = closerBody();
        if (topic.chinese)
            return fill("{c:summary}") + "，" + body;
        return fill("{c:summary}") + ", " + lowerFirst(body);
    }
    /// Takes the next unused point template (label, sentence).
    std::pair<std::string, std::string> point()
    {
        if (pointPool.empty())
            pointPool = habits.points;
        int idx = pointPool.back();
        pointPool.pop_back();
        const auto &pt = book.points[size_t(idx)];
        return {pt.label, fill(pt.text)};
    }
    std::string sep() const { return topic.chinese ? "" : " "; }
};

std::string codeSnippet(const Topic &topic)
{
    const std::string lower = toLower(topic.phrase);
    if (lower.find("sql") != std::string::npos)
        return "```sql\nSELECT a.id, b.value\nFROM table_a AS a\nJOIN table_b AS b ON b.a_id = a.id;\n```";
    if (containsWord(lower, "c") || lower.find("memory") != std::string::npos)
        return "```c\nchar *buf = malloc(n);\nif (!buf) return -1;\n/* ... use buf ... */\nfree(buf);\n```";
    return "```python\ndef solve(items):\n    result = []\n    for item in items:\n        "
           "result.append(item)\n"
           "    return result\n```";
}

std::string structured(Draft &d, int points)
{
    const bool zh = d.topic.chinese;
    std::string out = "## " + d.fill(d.book.titles[size_t(d.habits.title)]) + "\n\n" + d.intro() + "\n\n";
    out += "### " + d.book.sectionLabels[size_t(d.habits.sectionLabel)] + "\n\n";
    const std::string sep = zh ? "：" : d.profile.labelSeparator;
    for (int i = 0; i < points; ++i) {
        auto [label, text] = d.point();
        out += std::to_string(i + 1) + ". **" + label + "**" + sep + text + "\n";
        if (d.rng.chance(d.profile.subBulletRate))
            out += "   - " + d.point().second + "\n";
    }
    if (d.topic.intent == Intent::Code && !zh)
        out += "\n" + codeSnippet(d.topic) + "\n";
    out += "\n### " + d.book.summaryLabels[size_t(d.habits.summaryLabel)] + "\n\n" + d.closer();
    return out;
}

std::string casual(Draft &d, int points)
{
    auto casualize = [&](std::string s) {
        if (!d.topic.chinese && d.rng.chance(d.profile.exclaimRate))
            s = withEnding(s, "!");
        return s;
    };
    std::string out = d.book.casualOpeners[size_t(d.habits.casualOpeners[d.rng.below(2)])] + d.sep() + d.intro();
    out += "\n\n";
    const int firstPara = (points + 1) / 2;
    for (int i = 0; i < points; ++i) {
        std::string s = d.point().second;
        if (i == 0) {
            const std::string &inter = d.book.interjections[size_t(d.habits.interjection)];
            s = inter + (d.topic.chinese ? s : lowerFirst(s));
        }
        out += casualize(s);
        out += (i + 1 == firstPara) ? "\n\n" : d.sep();
    }
    if (d.topic.intent == Intent::Code && !d.topic.chinese)
        out += "\n\n" + codeSnippet(d.topic);
    out = trim(out) + "\n\n" + d.book.casualClosers[size_t(d.habits.casualClosers[d.rng.below(2)])];
    return out;
}

std::string terse(Draft &d)
{
    std::string out = d.point().second;
    if (d.rng.chance(0.6))
        out += d.sep() + d.point().second;
    if (d.rng.chance(0.3))
        out += d.sep() + d.book.terseEndings[size_t(d.habits.terseEnding)];
    return out;
}

std::string academic(Draft &d, int points)
{
    const bool zh = d.topic.chinese;
    auto cite = [&](const std::string &s) {
        const std::string c = d.fill(d.book.citations[size_t(d.habits.citations[d.rng.below(2)])], false);
        if (zh)
            return withEnding(replaceAll(s, "。", ""), c + "。");
        return withEnding(s, c + ".");
    };
    auto connect = [&](const std::string &s) {
        const std::string &c = d.book.connectors[size_t(d.habits.connectors[d.rng.below(d.habits.connectors.size())])];
        return c + (zh ? s : lowerFirst(s));
    };
    std::string out = d.intro() + d.sep() + cite(d.point().second);
    out += "\n\n";
    for (int i = 1; i < points; ++i) {
        std::string s = d.point().second;
        out += (i % 2 == 1) ? connect(s) : s;
        out += (i == points / 2) ? "\n\n" : d.sep();
    }
    const std::string &conclusion = d.book.conclusions[size_t(d.habits.conclusion)];
    out = trim(out) + "\n\n" + conclusion + (zh ? d.closerBody() : lowerFirst(d.closerBody()));
    return out;
}

std::string verbose(Draft &d, int points)
{
    const bool zh = d.topic.chinese;
    std::string out = d.fill(d.book.verboseLeadIns[size_t(d.habits.verboseLeadIn)]) + d.sep() + d.intro() + "\n\n";
    std::vector<std::string> labels;
    const int perPara = 3;
    for (int i = 0; i < points; ++i) {
        auto [label, text] = d.point();
        labels.push_back(label);
        if (i == perPara)
            text = d.book.verboseRestates[size_t(d.habits.verboseRestate)] + (zh ? text : lowerFirst(text));
        out += text;
        out += ((i + 1) % perPara == 0 && i + 1 < points) ? "\n\n" : d.sep();
    }
    if (d.topic.intent == Intent::Code && !zh)
        out += "\n\n" + codeSnippet(d.topic);
    out = trim(out) + "\n\n" + (zh ? "要点回顾：" : "Key takeaways:") + "\n";
    for (const auto &l : labels)
        out += d.profile.bullet + " " + l + "\n";
    out += "\n" + d.closer() + "\n\n" + d.book.verboseEndings[size_t(d.habits.verboseEnding)];
    return out;
}

} // namespace

std::string composeAnswer(const ModelProfile &profile, const Topic &topic, uint64_t answerSeed)
{
    Draft d(profile, topic, answerSeed);
    std::string text;
    switch (profile.style) {
    case Style::Structured:
        text = structured(d, d.rng.range(4, 6));
        break;
    case Style::Casual:
        text = casual(d, d.rng.range(3, 5));
        break;
    case Style::Terse:
        text = terse(d);
        break;
    case Style::Academic:
        text = academic(d, d.rng.range(4, 6));
        break;
    case Style::Verbose:
        text = verbose(d, d.rng.range(6, 8));
        break;
    }
    return topic.chinese ? text : fixArticles(std::move(text));
}

// ---------------------------------------------------------------------------------------------
// Paraphrase

namespace {

struct Variant {
    std::string lower;
    int conceptIdx;
};

std::vector<Variant> variantsByLength(const Phrasebook &book)
{
    std::vector<Variant> v;
    for (size_t c = 0; c < book.concepts.size(); ++c)
        for (const auto &s : book.concepts[c].variants)
            v.push_back({toLower(s), static_cast<int>(c)});
    std::stable_sort(v.begin(), v.end(), [](const Variant &a, const Variant &b) { return a.lower.size() > b.lower.size(); });
    return v;
}

bool wordByte(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string swapWords(std::string_view text, const Phrasebook &book, const LanguageHabits &habits, bool cjk, Rng &rng, double swapRate)
{
    static const auto en = variantsByLength(englishPhrasebook());
    static const auto zh = variantsByLength(chinesePhrasebook());
    const auto &variants = cjk ? zh : en;
    const std::string lower = toLower(text);
    std::string out;
    out.reserve(text.size() + 64);
    bool inFence = false;
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "```") == 0) {
            inFence = !inFence;
            out += "```";
            i += 3;
            continue;
        }
        const bool boundary = cjk || i == 0 || !wordByte(text[i - 1]);
        bool replaced = false;
        if (!inFence && boundary) {
            for (const auto &v : variants) {
                if (lower.compare(i, v.lower.size(), v.lower) != 0)
                    continue;
                size_t end = i + v.lower.size();
                if (!cjk && end < text.size() && wordByte(text[end]))
                    continue;
                const auto &conceptVariants = book.concepts[size_t(v.conceptIdx)].variants;
                std::string target = conceptVariants[size_t(habits.primary[size_t(v.conceptIdx)])];
                if (toLower(target) != v.lower && rng.chance(swapRate)) {
                    if (std::isupper(static_cast<unsigned char>(text[i])))
                        target = capitalizeFirst(target);
                    else
                        target = lowerFirst(target);
                    out += target;
                    i = end;
                    replaced = true;
                }
                break;
            }
        }
        if (!replaced)
            out += text[i++];
    }
    return out;
}

bool isProseLine(const std::string &line)
{
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == '-' || t[0] == '*' || t.rfind("```", 0) == 0)
        return false;
    if (std::isdigit(static_cast<unsigned char>(t[0])) && t.find(". ") != std::string::npos && t.find(". ") < 4)
        return false;
    return true;
}

} // namespace

std::string paraphraseAnswer(std::string_view teacherText, const ModelProfile &student, const Topic &topic, uint64_t seed, double swapRate,
                             double editRate)
{
    Rng rng(seed);
    const bool cjk = cjkShare(teacherText) > 0.15;
    const auto &book = phrasebook(cjk);
    std::string text = swapWords(teacherText, book, student.habits(cjk), cjk, rng, swapRate);
    auto lines = splitLines(text);
    const std::string space = cjk ? "" : " ";
    auto joinSentences = [&](const std::vector<std::string> &s) {
        std::string out;
        for (size_t k = 0; k < s.size(); ++k)
            out += (k ? space : "") + s[k];
        return out;
    };
    std::vector<size_t> prose, multi;
    for (size_t i = 0; i < lines.size(); ++i)
        if (isProseLine(lines[i])) {
            prose.push_back(i);
            if (splitSentences(lines[i]).size() >= 2)
                multi.push_back(i);
        }
    if (!multi.empty() && rng.chance(editRate)) { // drop a non-first sentence
        const size_t li = multi[rng.below(multi.size())];
        auto sentences = splitSentences(lines[li]);
        sentences.erase(sentences.begin() + 1 + static_cast<long>(rng.below(sentences.size() - 1)));
        lines[li] = joinSentences(sentences);
    }
    if (rng.chance(editRate)) { // swap two neighbouring list items, keeping their numbers
        std::vector<size_t> items;
        for (size_t i = 0; i < lines.size(); ++i)
            if (!lines[i].empty() && std::isdigit(static_cast<unsigned char>(lines[i][0])))
                items.push_back(i);
        if (items.size() >= 2) {
            const size_t k = rng.below(items.size() - 1);
            std::string &a = lines[items[k]];
            std::string &b = lines[items[k + 1]];
            const size_t da = a.find(". "), db = b.find(". ");
            if (da != std::string::npos && db != std::string::npos) {
                std::string restA = a.substr(da), restB = b.substr(db);
                a = a.substr(0, da) + restB;
                b = b.substr(0, db) + restA;
            }
        }
    }
    if (!prose.empty() && rng.chance(editRate)) { // add a sentence of the student's own
        Rng own = rng.fork("own");
        Draft d(student, topic, own.next());
        std::string &line = lines[prose[rng.below(prose.size())]];
        line = trim(line) + space + d.point().second;
    }
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i)
        out += (i ? "\n" : "") + lines[i];
    return cjk ? out : fixArticles(std::move(out));
}

std::string reasoningTrace(const ModelProfile &profile, const Topic &topic)
{
    const std::string k1 = topic.keywords.empty() ? topic.phrase : topic.keywords.front();
    if (topic.chinese)
        return "用户在问" + topic.phrase + "。我应该先解释核心概念，再给出具体建议，最后做一个简短的总结。";
    return "The user is asking about " + topic.phrase + ". I should cover " + k1 + ", keep the answer " + styleName(profile.style) +
           ", and end with a short summary.";
}

} // namespace ds::sim
