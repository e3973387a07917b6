#include "sim/SimPhrasebook.h"

namespace ds::sim {

// The English phrasebook is data, not logic; it is split by section only to keep each table short.
static std::vector<Concept> englishConcepts()
{
    return {
        {"important", {"important", "crucial", "essential", "vital", "key"}},
        {"understand", {"understand", "grasp", "get a feel for", "make sense of", "internalize"}},
        {"start", {"start", "begin", "get going", "kick off"}},
        {"problems", {"problems", "issues", "pitfalls", "snags", "trouble spots"}},
        {"example", {"example", "illustration", "worked example", "scenario"}},
        {"approach", {"approach", "method", "strategy", "technique"}},
        {"approaches", {"approaches", "methods", "strategies", "techniques"}},
        {"simple", {"simple", "straightforward", "easy", "uncomplicated"}},
        {"check", {"check", "verify", "double-check", "confirm", "test"}},
        {"often", {"often", "frequently", "commonly", "regularly", "usually"}},
        {"helps", {"helps", "pays", "is worthwhile", "is useful"}},
        {"many", {"many", "plenty of", "lots of", "a lot of", "numerous"}},
        {"overlook", {"overlook", "ignore", "forget about", "underestimate", "skip over"}},
        {"goal", {"goal", "aim", "objective", "purpose"}},
        {"focusing", {"focusing on", "concentrating on", "paying attention to", "zeroing in on"}},
        {"improve", {"improve", "strengthen", "sharpen", "refine"}},
        {"result", {"result", "outcome", "answer", "output"}},
        {"clear", {"clear", "obvious", "evident", "transparent"}},
        {"first", {"First", "To begin with", "First of all", "Initially"}},
        {"also", {"Also", "In addition", "On top of that", "Besides"}},
        {"finally", {"Finally", "Lastly", "Last but not least", "To wrap up"}},
        {"however", {"However", "That said", "On the other hand", "Still"}},
        {"core", {"core", "central", "fundamental", "underlying"}},
        {"basically", {"basically", "essentially", "at heart", "at its core"}},
        {"practice", {"practice", "hands-on work", "repetition", "regular exercise"}},
        {"careful", {"careful", "deliberate", "methodical", "thoughtful"}},
        {"quickly", {"quickly", "fast", "rapidly", "in no time"}},
        {"remember", {"Remember", "Keep in mind", "Bear in mind", "Note"}},
        {"small", {"small", "modest", "bite-sized", "little"}},
        {"big", {"big", "large", "major", "significant"}},
        {"idea", {"idea", "concept", "notion", "principle"}},
        {"details", {"details", "specifics", "fine points", "nuances"}},
        {"think", {"Think about", "Consider", "Reflect on", "Look closely at"}},
        {"good", {"good", "solid", "sound", "reliable"}},
        {"easier", {"easier", "simpler", "more manageable", "less daunting"}},
        {"break", {"break", "split", "divide", "chop"}},
        {"steps", {"steps", "stages", "phases", "moves"}},
        {"mistake", {"mistake", "error", "slip", "misstep"}},
        {"mistakes", {"mistakes", "errors", "slips", "missteps"}},
        {"tips", {"tips", "suggestions", "recommendations", "pointers"}},
        {"summary", {"In summary", "To sum up", "Overall", "In short", "All in all"}},
        {"regular", {"regular", "consistent", "steady", "frequent"}},
        {"real", {"real", "real-world", "realistic", "authentic"}},
        {"useful", {"useful", "valuable", "instructive", "helpful"}},
        {"early", {"early", "early on", "at the outset", "from day one"}},
        {"tricky", {"tricky", "confusing", "intimidating", "daunting"}},
    };
}

static std::vector<PointTemplate> englishPoints()
{
    return {
        {"Core Idea", "{T} is {c:basically} about {K} and how it connects to {K2}."},
        {"Foundations", "A {c:good} first step is to {c:understand} the {c:core} {c:idea} behind {T}."},
        {"Blind Spots", "{c:many} people {c:overlook} {K} when they {c:start} working with {T}."},
        {"Divide and Conquer", "It {c:helps} to {c:break} {T} into {c:small} pieces and {c:check} each one."},
        {"Practice", "{c:practice} with a concrete {c:example} makes {T} much {c:easier}."},
        {"Watch Points", "Watch out for {K}: that is where most {c:problems} with {T} appear."},
        {"Clarity", "The {c:goal} is to get a {c:clear} picture of {K} before moving on."},
        {"Mindset", "{c:remember} that {T} rewards a {c:careful} {c:approach}."},
        {"Focus", "You can {c:improve} your results by {c:focusing} {K}."},
        {"Common Error", "A common {c:mistake} is treating {K} as an afterthought."},
        {"Big Wins", "{c:often}, the {c:big} wins come from getting {K} right."},
        {"Interactions", "{c:think} how {K} and {K2} interact in {T}."},
        {"Details", "The {c:details} of {K} matter more than they first seem."},
        {"Troubleshooting", "If something goes wrong, {c:check} {K} before anything else."},
        {"Notes", "Keep notes on what you learn about {T}, because they pay off later."},
        {"Routine", "Short, {c:regular} sessions beat one long cram session when learning {T}."},
        {"Validation", "Compare your {c:result} with a trusted reference to {c:check} your understanding."},
        {"Expert Habit", "Experts {c:often} start from {K} and work outward."},
        {"Hard Part", "{K} is the part of {T} that newcomers find hardest."},
        {"Self-Test", "Try explaining {T} in your own words, and gaps will show up {c:quickly}."},
        {"Checklist", "A {c:simple} checklist for {K} prevents most {c:mistakes}."},
        {"Realism", "Use {c:real} data or situations when you work on {T}."},
        {"Prerequisites", "{T} builds on {K}, so review that beforehand."},
        {"Milestones", "Measure progress with {c:clear} milestones rather than vague feelings."},
        {"Trade-offs", "The trade-off between {K} and {K2} shapes most decisions in {T}."},
        {"Patience", "Do not rush {K}, since {c:careful} work there saves time later."},
        {"Learning from Others", "Look at how others handle {K} and borrow what works."},
        {"Process", "Write down the {c:steps} for {T} so you can repeat them."},
        {"Learning from Errors", "{c:mistakes} with {K} are normal and {c:useful} to learn from."},
        {"Feedback", "Ask for feedback on {K} {c:early}."},
        {"Familiarity", "{T} becomes {c:easier} once {K} feels familiar."},
        {"Fresh Eyes", "Revisit {K2} after a break to see it with fresh eyes."},
        {"Purpose", "The {c:important} question is what you want {T} to achieve."},
        {"Tools", "{c:simple} tools are usually enough to get started with {T}."},
        {"Edge Cases", "Pay attention to the edge cases around {K}."},
        {"Simplicity", "Keeping things {c:simple} makes {T} {c:easier} to maintain."},
    };
}

static std::vector<std::vector<std::string>> englishIntros()
{
    std::vector<std::vector<std::string>> in(static_cast<size_t>(Intent::Count));
    in[size_t(Intent::Explain)] = {"{T} can seem {c:tricky} at first, but the {c:core} {c:idea} is {c:simple}.",
                                   "Let's unpack {T} one piece at a time.", "At its heart, {T} is about {K}.",
                                   "To {c:understand} {T}, it {c:helps} to look at {K} first."};
    in[size_t(Intent::Guide)] = {"Here is a short guide to {T}.", "This guide walks through {T} from the ground up.",
                                 "Getting {T} right comes down to a few {c:steps}.", "Below are the {c:steps} that make {T} work."};
    in[size_t(Intent::Mistakes)] = {
        "{c:many} people stumble over the same things with {T}.", "Here are the {c:mistakes} that come up most with {T}.",
        "Most trouble with {T} comes from a handful of habits.", "The {c:problems} with {T} tend to repeat themselves."};
    in[size_t(Intent::Compare)] = {"There are two broad {c:approaches} to {T}, each with its strengths.",
                                   "Comparing {c:approaches} to {T} comes down to {K} versus {K2}.",
                                   "The right {c:approach} to {T} depends on your {c:goal}.",
                                   "No single {c:approach} to {T} wins everywhere."};
    in[size_t(Intent::Tips)] = {"Here are a few {c:tips} for {T}.", "A few habits make {T} much {c:easier}.",
                                "These {c:tips} cover the essentials of {T}.", "Try these {c:tips} the next time you work on {T}."};
    in[size_t(Intent::History)] = {"The history of {T} is a story of gradual change.", "{T} developed over many years, shaped by {K}.",
                                   "To {c:understand} {T} today, it {c:helps} to look back at how it began.",
                                   "{T} has a longer history than most people expect."};
    in[size_t(Intent::Code)] = {"Here is how to approach {T} in code.", "Let's work through {T} with a small program.",
                                "The cleanest {c:approach} to {T} keeps {K} separate from the rest.",
                                "Writing code for {T} starts with a {c:clear} plan for {K}."};
    in[size_t(Intent::Math)] = {"Let's solve this step by step.", "We can work through this problem systematically.",
                                "The key to this problem is {K}.", "This problem is {c:easier} than it looks once we set it up carefully."};
    in[size_t(Intent::Generic)] = {"Good question about {T}.", "{T} touches on {K} and {K2}.", "Here is how I would think about {T}.",
                                   "There are a few angles to {T}."};
    return in;
}

static Phrasebook makeEnglish()
{
    Phrasebook b;
    b.concepts = englishConcepts();
    b.points = englishPoints();
    b.intros = englishIntros();
    // Closers carry no lead-in: each style adds its own ("In summary, ", "In conclusion, ", ...).
    b.closers = {"{T} rewards patience and {c:practice}.",
                 "focus on {K} and the rest follows.",
                 "start {c:simple}, {c:check} your work, and build up gradually.",
                 "{T} is manageable once you {c:understand} {K}.",
                 "a {c:careful} {c:approach} to {K} makes all the difference.",
                 "treat {T} as a skill you grow step by step.",
                 "the fundamentals of {T} carry you a long way.",
                 "{K} deserves most of your attention.",
                 "small, {c:regular} progress with {T} beats occasional bursts.",
                 "get {K} right and {T} falls into place.",
                 "{T} is less mysterious than it first appears."};
    b.titles = {"Understanding {Tt}",
                "{Tt}: A Practical Overview",
                "A Guide to {Tt}",
                "Key Points on {Tt}",
                "{Tt} Explained",
                "Getting Started with {Tt}",
                "{Tt} in a Nutshell",
                "Making Sense of {Tt}",
                "{Tt}: What You Need to Know",
                "An Introduction to {Tt}",
                "Mastering {Tt}",
                "{Tt} at a Glance"};
    b.sectionLabels = {"Key Points", "Main Ideas", "What to Know", "Essentials", "Core Concepts", "Step by Step"};
    b.summaryLabels = {"Summary", "Conclusion", "Bottom Line", "Takeaway", "Final Thoughts"};
    b.casualOpeners = {"Great question!", "Oh, I love this one!",   "Sure thing!", "Ooh, fun topic!",
                       "Happy to help!",  "Alright, let's dig in!", "Good one!",   "Okay, so here's the deal!"};
    b.casualClosers = {"Hope this helps!",
                       "Hope that helps, and have fun with it!",
                       "Good luck, you've got this!",
                       "Happy learning! \xF0\x9F\x98\x8A",
                       "Let me know if you want more detail!",
                       "Have fun exploring!"};
    b.interjections = {"Honestly, ", "Trust me, ", "Seriously, ", "Fun fact: ", "Pro tip: ", "Real talk: "};
    b.connectors = {"Furthermore, ", "Moreover, ", "In particular, ", "Notably, ", "Consequently, ", "Additionally, ", "Likewise, "};
    b.citations = {" (see, e.g., standard treatments of {K})", ", as is widely noted in the literature",
                   " (cf. the relevant literature on {K})", ", consistent with prior work on {K}", " (as discussed in introductory texts)"};
    b.conclusions = {"In conclusion, ", "To conclude, ", "In sum, ", "Taken together, "};
    b.verboseLeadIns = {"Let me walk you through this in detail, because {T} has several layers worth understanding.",
                        "This is a rich topic, so I will go through it thoroughly and explain each part.",
                        "There is quite a lot to say here, so let me take it one layer at a time."};
    b.verboseRestates = {"To put it another way, ", "In other words, ", "Put differently, ", "Said another way, "};
    b.verboseEndings = {"I hope this thorough explanation gives you a solid foundation. Feel free to ask follow-up "
                        "questions!",
                        "That covers the main ground in depth. If anything is unclear, I am happy to elaborate further.",
                        "I hope walking through it in this much detail helps. Let me know what you would like to explore "
                        "next."};
    b.fallbackKeywords = {"the basics",           "the fundamentals",   "the details",     "the overall structure",
                          "small experiments",    "clear goals",        "good habits",     "the underlying principles",
                          "the common cases",     "careful planning",   "timing",          "preparation",
                          "consistency",          "the starting point", "the right tools", "feedback loops",
                          "the first principles", "measurement",        "the context",     "the constraints",
                          "trial runs",           "the terminology"};
    b.terseEndings = {"That's the core of it.", "That's it.", "Start there.", "Keep it simple."};
    b.topicRefs = {"it", "this topic", "the subject", "this area", "the topic", "the whole thing"};
    return b;
}

static Phrasebook makeChinese()
{
    Phrasebook b;
    b.concepts = {
        {"core", {"核心", "根本", "精髓", "要害"}},
        {"understand", {"理解", "掌握", "弄懂", "吃透"}},
        {"start", {"开始", "着手", "入门", "起步"}},
        {"problems", {"难点", "误区", "坑", "障碍"}},
        {"example", {"例子", "实例", "案例", "示例"}},
        {"approach", {"方法", "思路", "策略", "做法"}},
        {"simple", {"简单", "容易", "直观", "轻松"}},
        {"check", {"检查", "核对", "验证", "复查"}},
        {"often", {"常常", "经常", "往往", "通常"}},
        {"details", {"细节", "细微之处", "具体环节", "小地方"}},
        {"practice", {"练习", "实践", "动手操作", "反复训练"}},
        {"also", {"此外", "另外", "同时", "再者"}},
        {"summary", {"总之", "综上所述", "总而言之", "简而言之"}},
        {"important", {"重要", "要紧", "不可忽视", "至关重要"}},
        {"goal", {"目标", "目的", "方向", "初衷"}},
        {"careful", {"细心", "谨慎", "认真", "耐心"}},
    };
    b.points = {
        {"核心概念", "{T}的{c:core}在于先把基本概念{c:understand}清楚。"},
        {"常见盲点", "很多人在{c:start}学习{T}时会忽略一些{c:details}。"},
        {"拆解问题", "把{T}拆成几个小部分，逐一{c:check}，会{c:simple}很多。"},
        {"多做练习", "多找一些{c:example}来{c:practice}，能让你更快上手{T}。"},
        {"避免急躁", "学习{T}时最常见的{c:problems}是急于求成。"},
        {"认真对待", "{c:also}，{c:careful}对待每个步骤是{c:important}的。"},
        {"明确目标", "明确你的{c:goal}，再选择合适的{c:approach}。"},
        {"回到原理", "遇到{c:problems}时，先回到{T}的基本原理。"},
        {"定期复习", "定期复习，{T}的知识会记得更牢。"},
        {"持续进步", "{c:often}，真正的进步来自持续的{c:practice}。"},
        {"交流讨论", "和别人讨论{T}，能帮你发现自己的盲点。"},
        {"记录总结", "记录下每次遇到的{c:problems}和解决{c:approach}。"},
        {"重视细节", "不要忽视{T}中的{c:details}，它们{c:often}决定成败。"},
        {"自我检验", "用自己的话解释{T}，可以检验你是否真正{c:understand}。"},
        {"循序渐进", "从{c:simple}的{c:example}入手，再逐步增加难度。"},
        {"参考资料", "参考可靠的资料来{c:check}你对{T}的理解。"},
    };
    b.intros.assign(static_cast<size_t>(Intent::Count),
                    {"关于{T}，我们可以从以下几个方面来看。", "{T}看起来复杂，其实{c:core}思路很{c:simple}。", "下面简单介绍一下{T}。",
                     "这是一个关于{T}的好问题。"});
    b.closers = {"{T}需要耐心和{c:practice}。", "抓住{c:core}，{T}并不难。", "多{c:practice}、多{c:check}，就能掌握{T}。",
                 "{c:careful}一点，{T}会越来越{c:simple}。"};
    b.titles = {"{Tt}概述", "关于{Tt}", "{Tt}入门指南", "{Tt}要点"};
    b.sectionLabels = {"要点", "主要内容", "关键步骤", "核心思路"};
    b.summaryLabels = {"总结", "结论", "小结"};
    b.casualOpeners = {"好问题！", "哈哈，这个话题我很喜欢！", "没问题！", "来来来，我们聊聊！"};
    b.casualClosers = {"希望对你有帮助！", "加油哦！", "有问题随时问我～", "祝你学得开心！"};
    b.interjections = {"说实话，", "其实，", "真的，"};
    b.connectors = {"此外，", "进一步而言，", "值得注意的是，", "与此同时，"};
    b.citations = {"（参见相关文献）", "，这一点在已有研究中已有讨论", "（见相关教材）"};
    b.conclusions = {"综上所述，", "总的来说，", "由此可见，"};
    b.verboseLeadIns = {"这个话题内容很丰富，下面我详细地一步一步说明。", "让我从多个层面详细解释一下。"};
    b.verboseRestates = {"换句话说，", "也就是说，", "简单来讲，"};
    b.verboseEndings = {"希望这些详细的说明能帮你打下扎实的基础。如有疑问，欢迎继续提问！",
                        "以上就是比较全面的介绍，如果还有不清楚的地方，我很乐意进一步解释。"};
    b.fallbackKeywords = {"基础知识", "基本原理", "细节"};
    b.terseEndings = {"就是这样。", "先从这里开始。"};
    b.topicRefs = {"它", "这个主题", "这一领域"};
    return b;
}

const Phrasebook &englishPhrasebook()
{
    static const Phrasebook b = makeEnglish();
    return b;
}

const Phrasebook &chinesePhrasebook()
{
    static const Phrasebook b = makeChinese();
    return b;
}

} // namespace ds::sim
