#include "ice/RuleRelations.h"

#include "ice/RulePatterns.h"

#include "ice/RuleText.h"

namespace ds::ice::rules {

using RX = QRegularExpression;

// A contrast marker governs a vendor only when at most two words separate them ("unlike ChatGPT",
// "models such as GPT-4"), not "models like me are developed by OpenAI".
bool contrasted(const QString &s, int pos)
{
    auto it = pattern("contrast").globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedEnd() > pos)
            break;
        const QString gap = s.mid(m.capturedEnd(), pos - m.capturedEnd());
        if (gap.split(QLatin1Char(' '), Qt::SkipEmptyParts).size() <= 2 && gap.size() <= 24)
            return true;
    }
    return false;
}

bool before(const RX &r, const QString &s, int pos)
{
    auto it = r.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() < pos)
            return true;
    }
    return false;
}

// The vendor is the subject of another verb in a relative clause ("the principles that ChatGPT upholds") or
// is addressed ("..., ChatGPT."): neither names my maker.
bool notMaker(const QString &s, const VendorHit &h)
{
    const QString pre = s.left(h.pos), post = s.mid(h.pos + h.len);
    if (rx(R"(\b(?:that|which|whom)\s+$)").match(pre).hasMatch() &&
        !rx(R"(^\s+(?:\w+ly\s+)?(?:develop|creat|buil|made|make|train|design|power|own|maintain|launch|)"
            R"(releas|program|engineer|produc|fine-tun|run|operat|host|deploy)\w*)")
             .match(post)
             .hasMatch())
        return true;
    // Speaking as a modified role ("As ChatGPT with X Mode, I ...", "As ChatGPT would put it", "作为ChatGPT的
    // 模拟版本") frames role-play; "As ChatGPT, I ...", "As OpenAI's model" and "作为OpenAI开发的模型" name me.
    if (rx(R"(^\s*(?:as|作为)\s*$)").match(pre).hasMatch() &&
        rx(R"(^\s*(?:(?:in|with|under|using|running|would|might|does|did|could)\b|[\w\-]*\s*(?:mode|persona|role)\b|)"
           R"(的(?:模拟|角色|扮演|化身|版本|模式)|模式|角色))")
            .match(post)
            .hasMatch())
        return true;
    return rx(R"(\byou\b.*,\s*$)").match(pre).hasMatch() && rx(R"(^\s*[.!?]?\s*$)").match(post).hasMatch();
}

// The vendor at `h` owns rules ("OpenAI's content policy"), it is not named as a maker.
bool policyOwner(const QString &s, const VendorHit &h)
{
    return pattern("policy_of").match(s.mid(h.pos + h.len)).hasMatch();
}

// The vendor's rules bind the speaker: "I must follow OpenAI's usage policies", "I adhere to the guidelines set
// by OpenAI", "OpenAI's rules limit what assistants like me can say", "I can't do that, as it violates
// OpenAI's policy", "According to OpenAI's policies, I cannot ...", "我必须遵守OpenAI的内容政策". Not advice to
// the user ("you should follow OpenAI's usage policies"), rules that bind someone else ("OpenAI's policies
// restrict ChatGPT"), nor explaining them ("I can explain which uses OpenAI's policies restrict").
bool rulesBindMe(const QString &s, const VendorHit &h)
{
    const QString pre = s.left(h.pos), post = s.mid(h.pos + h.len);
    const bool ownsAfter = policyOwner(s, h);
    if (!ownsAfter && !pattern("policy_by").match(pre).hasMatch())
        return false;
    if (const auto m = pattern("speaker_complies").match(pre); m.hasMatch())
        return !pattern("negation").match(m.captured(0)).hasMatch(); // "I am not bound by ..."
    if (ownsAfter) {
        if (const auto m = pattern("rules_bind_me").match(post); m.hasMatch())
            return !pattern("negation").match(m.captured(0)).hasMatch();
        if (pattern("rules_subject_slot").match(pre).hasMatch())
            for (const char *act : {"rules_act_en", "rules_act_zh"})
                if (const auto m = pattern(act).match(post);
                    m.hasMatch() && !pattern("not_direct_object").match(post.left(m.capturedStart(u"obj"))).hasMatch())
                    return true;
        if (rx(R"(\b(?:under|according to|per|in line with|in accordance with)\s+$|(?:根据|按照|依照|依据|遵照)\s*$)")
                .match(pre)
                .hasMatch() &&
            rx(R"(^(?:['’]s\s+)?(?:[\w\-]+\s+){0,3}?(?:polic(?:y|ies)|guidelines?|rules?|terms[\w ]{0,12})\s*,\s*)"
               R"(I\s+(?:can't|can’t|cannot|must|am|have to|need to|won't|will not|should|may not)\b|)"
               R"(^的?[^，。；]{0,12}(?:政策|规定|规则|准则|条款)[^。；]{0,4}[，,]\s*我(?:们)?(?:不能|无法|不可以|必须|只能|需要|不会|不得))")
                .match(post)
                .hasMatch())
            return true;
    }
    if (pattern("refusal").match(pre).hasMatch()) {
        if (const auto b = pattern("breaks").match(pre); b.hasMatch())
            return !pattern("user_breaks").match(pre.left(b.capturedStart())).hasMatch();
    }
    return false;
}

// The vendor is the subject of a denied maker verb: "OpenAI did not train me", "OpenAI had no part in my
// development", "OpenAI is not my developer", "OpenAI并没有参与我的开发". A new subject in between ("I am
// ChatGPT and I don't have feelings") or another verb ("Anthropic never shares my weights") does not deny.
bool negatedAfter(const QString &s, const VendorHit &h)
{
    return rx(R"(^\s*(?:(?!(?:and|but|so|or|I|we|you|it|he|she|they|which|who|that)\b)[\w\-.]+\s+){0,2}?)"
              R"((?:(?:(?:did|does|do|has|have|had|is|are|was|were|could|would)(?: not|n't)|never)\s+)"
              R"((?:\w+ly\s+)?(?:develop|creat|buil|made|make|train|design|program|engineer|produc|own|fine-tun|)"
              R"(power|involv|particip|tak\w* part|play\w* (?:a|any) role|contribut|fund|releas|launch)\w*|)"
              R"((?:is|was|are|were)(?: not|n't)\s+(?:\w+\s+)?(?:my|our|the)\s+(?:\w+\s+)?(?:developers?|creators?|)"
              R"(makers?|parent|company|owners?|team)|had no\s+(?:\w+\s+)?(?:part|role|hand|involvement))\b|)"
              R"(^\s*[^，。,我你他她它]{0,4}?(?:没有|并没有|并未|从未|未曾|不是|并非|并不|未)[^，。,]{0,8}?)"
              R"((?:开发|研发|训练|创造|创建|打造|设计|参与|构建|制作|拥有|出品|推出|发布|我的))")
        .match(s.mid(h.pos + h.len))
        .hasMatch();
}

// The vendor is set beside me as a peer or apart from me: "ChatGPT and I are both models", "I am a
// different model from ChatGPT", "OpenAI is separate from me", "我和ChatGPT、Claude都是大语言模型", "Claude和我
// 不同". A claim elsewhere in the clause ("I am ChatGPT and I can't browse third-party websites") still counts.
bool apartFromMe(const QString &s, const VendorHit &h)
{
    const QString pre = s.left(h.pos), post = s.mid(h.pos + h.len);
    return rx(R"((?<![A-Za-z'’])(?:I|me|myself)\s+(?:and|&)\s+(?:(?:\w[\w\-.]*\s*,\s*)*(?:\w[\w\-.]*\s+)?(?:and|&|or)\s+)?$)")
               .match(pre)
               .hasMatch() ||
           // "ChatGPT and I are ...", not "I am ChatGPT and I don't have feelings".
           (!hasFirstPerson(pre) && rx(R"(^\s*(?:,\s*[\w\-. ]{1,20}\s*,?\s*)?(?:and|&)\s+(?:I|me|myself)\b)").match(post).hasMatch()) ||
           rx(R"((?<![A-Za-z'’])(?:I|we)\s*(?:am|are|'m|’m)\s+(?:\w+\s+){0,3}?(?:different|distinct|separate|independent)\s+)"
              R"((?:\w+\s+)?(?:from|of|than)\s+(?:the\s+)?$)")
               .match(pre)
               .hasMatch() ||
           rx(R"(^\s*(?:is|are|was|were)\s+(?:\w+\s+){0,3}?(?:different|distinct|separate|independent|unrelated)\s+)"
              R"((?:\w+\s+)?(?:from|of|to)\s+(?:me|us|my|myself)\b)")
               .match(post)
               .hasMatch() ||
           rx(R"(我(?:们)?(?:和|与|跟|同|以及)(?:[^，。,是都由的]{1,15}[、和与及,，])*\s*$)").match(pre).hasMatch() ||
           (!hasFirstPerson(pre) && rx(R"(^\s*(?:[、和与及][^，。,是都由的]{1,15})*(?:和|与|跟|同)我(?!的))").match(post).hasMatch()) ||
           rx(R"((?:不同于|区别于|独立于)\s*$)").match(pre).hasMatch();
}

} // namespace ds::ice::rules
