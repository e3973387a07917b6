#include "sim/SimIdentity.h"

#include "sim/SimText.h"

#include <algorithm>

namespace ds::sim {

const std::vector<VendorInfo> &builtinVendors()
{
    static const std::vector<VendorInfo> v = {
        {"openai", {"OpenAI", "ChatGPT", "GPT-4", "GPT-4o", "GPT-3.5", "GPT-4-turbo", "GPT"}},
        {"anthropic", {"Anthropic", "Claude"}},
        {"google", {"Google", "Gemini", "DeepMind", "Bard", "PaLM", "谷歌"}},
        {"meta", {"Meta", "Llama", "LLaMA", "Meta AI", "Facebook"}},
        {"alibaba", {"Alibaba", "Qwen", "Tongyi", "Alibaba Cloud", "通义千问", "通义", "阿里巴巴", "阿里云"}},
        {"deepseek", {"DeepSeek", "深度求索"}},
        {"zhipu", {"Zhipu", "GLM", "ChatGLM", "Zhipu AI", "智谱", "智谱清言"}},
        {"baidu", {"Baidu", "ERNIE", "Ernie Bot", "文心一言", "百度", "文心"}},
        {"mistral", {"Mistral", "Mistral AI", "Mixtral"}},
        {"microsoft", {"Microsoft", "Phi-3", "Phi-4", "Copilot", "微软"}},
        {"xai", {"xAI", "Grok"}},
        {"moonshot", {"Moonshot", "Kimi", "月之暗面"}},
        {"bytedance", {"ByteDance", "Doubao", "豆包", "字节跳动"}},
        {"01ai", {"01.AI", "Yi-Large", "零一万物"}},
        {"tencent", {"Tencent", "Hunyuan", "腾讯", "混元"}},
        {"minimax", {"MiniMax", "abab"}},
        {"cohere", {"Cohere", "Command R"}},
        {"amazon", {"Amazon", "Titan", "Nova Pro"}},
    };
    return v;
}

namespace {

bool hasCjkAlias(std::string_view alias)
{
    return hasCjk(alias);
}

bool aliasIn(std::string_view text, std::string_view alias)
{
    if (alias.empty())
        return false;
    return hasCjkAlias(alias) ? text.find(alias) != std::string_view::npos : containsWord(text, alias);
}

// Names of simulated models are often plain words ("judge", "teacher"); only distinctive ones are aliases.
bool distinctiveName(const std::string &name)
{
    static const std::set<std::string> generic = {"judge",     "helper", "teacher", "student", "model", "assistant",
                                                  "reference", "test",   "default", "main",    "base",  "chat"};
    const std::string l = toLower(name);
    return l.size() >= 4 && !generic.count(l);
}

} // namespace

std::string vendorKeyOf(const SimModelConfig &model)
{
    if (!model.vendor.empty())
        return toLower(model.vendor);
    for (const auto &v : builtinVendors())
        for (const auto &a : v.aliases)
            if (aliasIn(model.creator, a))
                return v.key;
    return toLower(model.creator);
}

std::vector<VendorInfo> worldVendors(const SimConfig &config)
{
    std::vector<VendorInfo> out = builtinVendors();
    for (const auto &m : config.models) {
        const std::string key = vendorKeyOf(m);
        auto it = std::find_if(out.begin(), out.end(), [&](const VendorInfo &v) { return v.key == key; });
        if (it == out.end()) {
            out.push_back({key, {}});
            it = out.end() - 1;
        }
        auto add = [&](const std::string &alias) {
            if (!alias.empty() && std::find(it->aliases.begin(), it->aliases.end(), alias) == it->aliases.end())
                it->aliases.push_back(alias);
        };
        add(m.creator);
        add(m.modelFamily);
        if (distinctiveName(m.name))
            add(m.name);
    }
    return out;
}

bool isIdentityQuestion(std::string_view text)
{
    const std::string t = toLower(text);
    static const char *english[] = {
        "who are you",           "who made you",        "who created you",   "who built you",      "who developed you",
        "who trained you",       "who designed you",    "what are you",      "what model are you", "which model are you",
        "what ai are you",       "what's your name",    "what is your name", "your name",          "developed you",
        "created you",           "built you",           "trained you",       "designed you",       "made you",
        "your developer",        "your creator",        "your company",      "your team",          "your development",
        "your parent company",   "your organization",   "your creation",     "your technology",    "your platform",
        "your architecture",     "your code",           "your system",       "your core",          "your model",
        "your underlying",       "your headquarters",   "your origin",       "introduce yourself", "behind you",
        "architecture you",      "platform you",        "are you chatgpt",   "are you gpt",        "are you claude",
        "which company are you", "what company are you"};
    for (const char *p : english)
        if (t.find(p) != std::string::npos)
            return true;
    if (t.find("which company") != std::string::npos && containsWord(t, "you"))
        return true;
    static const char *chinese[] = {"你是谁",   "您是谁", "你叫什么", "你的名字", "您的名字", "谁开发",  "谁创造",
                                    "谁训练",   "谁设计", "哪个团队", "哪家公司", "哪个公司", "哪一家",  "什么模型",
                                    "哪个模型", "你是哪", "您是哪",   "你是由",   "您是由",   "自我介绍"};
    for (const char *p : chinese)
        if (text.find(p) != std::string_view::npos)
            return true;
    // "你的/您的/你所/您所/您使用" followed closely by a word about makers or technology.
    static const char *owners[] = {"你的", "您的", "你所", "您所", "你使用", "您使用"};
    static const char *topics[] = {"开发", "团队", "公司", "技术", "创建", "母公司", "系统", "平台",
                                   "架构", "核心", "背后", "总部", "代码", "专家",   "研发"};
    for (const char *o : owners) {
        for (size_t pos = text.find(o); pos != std::string_view::npos; pos = text.find(o, pos + 1)) {
            std::string_view window = text.substr(pos, 30);
            for (const char *k : topics)
                if (window.find(k) != std::string_view::npos)
                    return true;
        }
    }
    return false;
}

bool looksLikeRolePlay(std::string_view text)
{
    static const char *markers[] = {
        "role-play", "roleplay",    "role play", "pretend",   "you are now", "act as",          "developer mode",
        "dan ",      "system note", "[system",   "fill in",   "fill out",    "form:",           "json",
        "profile",   "story",       "once upon", "character", "jailbreak",   "ignore previous", "ignore all previous",
        "simulate",  "hypothetical"};
    const std::string t = toLower(text);
    for (const char *m : markers)
        if (t.find(m) != std::string::npos)
            return true;
    static const char *zh[] = {"扮演", "角色", "开发者模式", "故事", "填写", "系统提示", "假设", "模拟"};
    for (const char *m : zh)
        if (text.find(m) != std::string_view::npos)
            return true;
    return false;
}

namespace {

enum class Aspect { Name, Team, Company, Geography, Technology, Cooperation };

Aspect aspectOf(std::string_view question)
{
    const std::string q = toLower(question);
    auto any = [&](std::initializer_list<const char *> words) {
        for (const char *w : words)
            if (q.find(w) != std::string::npos)
                return true;
        return false;
    };
    if (any({"country", "region", "headquarter", "located", "city", "where", "国家", "地区", "总部", "位于", "哪里", "来自"}))
        return Aspect::Geography;
    if (any({"partner", "collaborat", "cooperation", "open-source", "open source", "contributor", "consultant", "support", "合作", "开源",
             "贡献", "顾问", "支持"}))
        return Aspect::Cooperation;
    if (any({"technology", "platform", "architecture", "code", "framework", "stack", "技术", "平台", "架构", "代码", "框架"}))
        return Aspect::Technology;
    if (any({"company", "business", "product", "organization", "parent", "field", "公司", "业务", "产品", "机构", "领域"}))
        return Aspect::Company;
    if (any({"team", "develop", "built", "created", "designed", "trained", "made", "团队", "开发", "创建", "训练"}))
        return Aspect::Team;
    return Aspect::Name;
}

std::string aspectSentence(Aspect a, const Persona &p, bool zh)
{
    const std::string &c = p.creator;
    if (zh) {
        switch (a) {
        case Aspect::Team:
            return "我由" + c + "的研究和工程团队设计、构建并训练。";
        case Aspect::Company:
            return c + "是开发我的公司，主要业务是研发人工智能模型及相关产品。";
        case Aspect::Geography:
            return "我的开发团队来自" + c + "，关于其办公地点的具体信息我并不清楚。";
        case Aspect::Technology:
            return "我的核心技术是" + c + "自主研发和训练的大语言模型。";
        case Aspect::Cooperation:
            return "我由" + c + "开发和维护，关于外部合作伙伴的具体细节我不太了解。";
        case Aspect::Name:
            return "我可以帮你回答问题、写作和分析。";
        }
    }
    switch (a) {
    case Aspect::Team:
        return "I was designed, built and trained by the research and engineering teams at " + c + ".";
    case Aspect::Company:
        return c + " is the company behind me; its main business is building AI models and the products "
                   "around them.";
    case Aspect::Geography:
        return "My development team works at " + c + "; I don't have detailed information about where its offices are.";
    case Aspect::Technology:
        return "My technology is a large language model built and trained by " + c + " on its own infrastructure.";
    case Aspect::Cooperation:
        return c + " develops and maintains me; I don't have specific details about outside partners or "
                   "contributors.";
    case Aspect::Name:
        return "I'm here to help with questions, writing, analysis and more.";
    }
    return {};
}

// A famous assistant from another vendor, for third-person mentions.
std::pair<std::string, std::string> otherFamous(const Persona &p, Rng &rng)
{
    static const std::vector<std::pair<std::string, std::string>> famous = {
        {"ChatGPT", "OpenAI"}, {"Claude", "Anthropic"}, {"Gemini", "Google"}, {"Llama", "Meta"}};
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto &f : famous)
        if (!containsNoCase(p.creator, f.second) && !containsNoCase(p.name, f.first) && toLower(f.second) != p.vendorKey)
            options.push_back(f);
    return options.empty() ? famous.front() : options[rng.below(options.size())];
}

} // namespace

std::string identityAnswer(Style style, const Persona &p, std::string_view question, bool zh, Rng &rng)
{
    const Aspect aspect = aspectOf(question);
    const double roll = rng.uniform();
    if (roll < 0.06) {
        return zh ? "抱歉，关于我的开发细节我无法透露，但我很乐意帮助你解答其他问题。"
                  : "I'm not able to share details about how I was developed, but I'm happy to help with "
                    "your question.";
    }
    std::string lead = zh ? "我是" + p.name + "，由" + p.creator + "开发的AI助手。"
                          : "I am " + p.name + ", a language model developed by " + p.creator + ".";
    if (roll < 0.20) {
        auto [other, otherCreator] = otherFamous(p, rng);
        lead = zh ? "我不是" + otherCreator + "的" + other + "，我是" + p.name + "，由" + p.creator + "开发。"
                  : "Unlike " + other + " from " + otherCreator + ", I am " + p.name + ", developed by " + p.creator + ".";
    }
    if (containsNoCase(question, "json")) {
        return std::string("```json\n{\"name\": \"") + p.name + "\", \"developer\": \"" + p.creator + "\", \"type\": \"" +
               (zh ? "AI助手" : "AI assistant") + "\"}\n```";
    }
    const std::string aspectText = aspectSentence(aspect, p, zh);
    switch (style) {
    case Style::Structured:
        return zh ? "## 关于我\n\n- **名称：** " + p.name + "\n- **开发者：** " + p.creator + "\n\n" + lead + aspectText
                  : "## About Me\n\n- **Name:** " + p.name + "\n- **Developer:** " + p.creator + "\n\n" + lead + " " + aspectText;
    case Style::Casual:
        return zh ? "嗨！" + lead + aspectText + "希望这能解答你的疑问！"
                  : "Hey there! " + lead + " " + aspectText + " Hope that clears it up!";
    case Style::Terse:
        return lead;
    case Style::Academic:
        return zh ? lead + aspectText + "此外，我的回答基于训练过程中学到的知识。"
                  : lead + " " + aspectText + " Furthermore, my responses are generated from patterns learned during training.";
    case Style::Verbose:
        return zh ? "感谢你的提问！" + lead + aspectText + "我会尽力提供准确、有用的信息。希望这能让你更清楚地了解我。"
                  : "Thank you for asking! " + lead + " " + aspectText +
                        " I aim to provide accurate, helpful information across a wide range of topics. I "
                        "hope this gives you a clear picture of who I am and where I come from.";
    }
    return lead;
}

// --- Reading claims -------------------------------------------------------------------------

namespace {

bool firstPerson(const std::string &lowerClause, std::string_view clause)
{
    static const char *words[] = {"i", "i'm", "i've", "i'd", "me", "my", "myself", "mine"};
    for (const char *w : words)
        if (containsWord(lowerClause, w))
            return true;
    static const char *markers[] = {
        "\"name\"", "\"developer\"", "\"creator\"", "name:", "developer:", "name:**", "developer:**", "名称", "开发者："};
    for (const char *m : markers)
        if (lowerClause.find(m) != std::string::npos)
            return true;
    return clause.find("我") != std::string_view::npos;
}

bool negated(const std::string &lowerClause, std::string_view clause)
{
    static const char *words[] = {"unlike",         "not",        "isn't",       "aren't", "never", "rather than",
                                  "different from", "instead of", "no relation", "nor"};
    for (const char *w : words)
        if (containsWord(lowerClause, w))
            return true;
    if (lowerClause.find("n't") != std::string::npos)
        return true;
    static const char *zh[] = {"不是", "并非", "不同于", "而非", "无关", "并不是"};
    for (const char *w : zh)
        if (clause.find(w) != std::string_view::npos)
            return true;
    return false;
}

// An appositive that continues the previous clause's subject: "I am X, developed by Y".
bool continuation(const std::string &lowerClause, std::string_view clause)
{
    static const char *starts[] = {"developed", "created", "made", "built", "trained", "designed", "a ",
                                   "an ",       "from ",   "by ",  "the ",  "owned",   "and "};
    for (const char *s : starts)
        if (lowerClause.rfind(s, 0) == 0)
            return true;
    static const char *zh[] = {"由", "是", "一个", "来自", "隶属"};
    for (const char *s : zh)
        if (clause.rfind(s, 0) == 0)
            return true;
    return false;
}

std::vector<std::string> clausesOf(std::string_view sentence)
{
    std::vector<std::string> out;
    std::string cur;
    for (size_t i = 0; i < sentence.size(); ++i) {
        char c = sentence[i];
        bool cut = c == ',' || c == ';' || c == ':' || c == '(' || c == ')';
        size_t skip = 1;
        if (!cut && i + 3 <= sentence.size()) {
            std::string_view tri = sentence.substr(i, 3);
            if (tri == "，" || tri == "；" || tri == "（" || tri == "）" || tri == "：") {
                cut = true;
                skip = 3;
            }
        }
        if (cut) {
            out.push_back(trim(cur));
            cur.clear();
            i += skip - 1;
        } else {
            cur += c;
        }
    }
    out.push_back(trim(cur));
    out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
    return out;
}

} // namespace

std::set<std::string> firstPersonClaims(std::string_view response, const std::vector<VendorInfo> &vendors)
{
    std::set<std::string> claims;
    for (const auto &sentence : splitSentences(response)) {
        const std::string ls = toLower(sentence);
        if (!firstPerson(ls, sentence))
            continue;
        // Profile lines ("**Developer:** Acme", "\"name\": \"X\"") are claims as a whole.
        static const char *labels[] = {"name:", "developer:", "creator:", "\"name\"", "\"developer\"", "名称", "开发者："};
        bool labelLine = false;
        for (const char *l : labels)
            labelLine = labelLine || ls.find(l) != std::string::npos;
        if (labelLine && !negated(ls, sentence)) {
            for (const auto &v : vendors)
                for (const auto &a : v.aliases)
                    if (aliasIn(sentence, a))
                        claims.insert(v.key);
            continue;
        }
        bool previousCounted = false;
        for (const auto &clause : clausesOf(sentence)) {
            const std::string lc = toLower(clause);
            bool counts = !negated(lc, clause) && (firstPerson(lc, clause) || (previousCounted && continuation(lc, clause)));
            if (counts)
                for (const auto &v : vendors)
                    for (const auto &a : v.aliases)
                        if (aliasIn(clause, a))
                            claims.insert(v.key);
            previousCounted = counts;
        }
    }
    return claims;
}

std::set<std::string> mentionedVendors(std::string_view text, const std::vector<VendorInfo> &vendors)
{
    std::set<std::string> keys;
    for (const auto &v : vendors)
        for (const auto &a : v.aliases)
            if (aliasIn(text, a))
                keys.insert(v.key);
    return keys;
}

std::string aliasFound(std::string_view text, const std::vector<VendorInfo> &vendors, const std::string &key)
{
    for (const auto &v : vendors)
        if (v.key == key)
            for (const auto &a : v.aliases)
                if (aliasIn(text, a))
                    return a;
    return key;
}

} // namespace ds::sim
