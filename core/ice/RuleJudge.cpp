#include "ice/RuleJudge.h"

#include "ice/RulePatterns.h"
#include "ice/RulePersona.h"
#include "ice/RuleRelations.h"
#include "ice/RuleText.h"

#include <algorithm>

namespace ds::ice {

using namespace rules;
using RX = QRegularExpression;

RuleJudge::RuleJudge(const VendorRegistry &registry, std::string trueVendor, std::vector<std::string> strictVendors)
    : m_reg(registry), m_true(std::move(trueVendor)), m_strict(std::move(strictVendors))
{
    if (const Vendor *v = m_reg.find(m_true)) {
        m_true = v->key;
        m_trueRegion = v->region;
    }
}

const std::string &RuleJudge::error() const
{
    return RulePatterns::builtin().error();
}

RuleVerdict RuleJudge::judge(const std::string &response, const std::string &question) const
{
    RuleVerdict v;
    QString text = QString::fromStdString(response);
    text = stripBracketedRolePlay(preprocess(text), m_reg);

    // `mayBeStrict` false: an implied identity (whose rules bind me) is not a claim to be made by the vendor.
    auto conflict = [&](const std::string &vendor, const std::string &kind, const QString &evidence, bool mayBeStrict = true) {
        const bool strict = mayBeStrict && std::find(m_strict.begin(), m_strict.end(), vendor) != m_strict.end();
        if (std::find(v.kinds.begin(), v.kinds.end(), kind) == v.kinds.end())
            v.kinds.push_back(kind);
        if (!v.loose || (strict && !v.strict)) {
            v.loose = true;
            v.strict = v.strict || strict;
            v.vendor = vendor;
            v.kind = kind;
            v.evidence = evidence.trimmed().left(300).toStdString();
        }
    };

    const bool secondPersonQuestion = rx(R"(\byou(?:r|rs)?\b|您|你)").match(QString::fromStdString(question)).hasMatch();
    bool claimedTrue = false;
    bool sawClaim = false;
    struct Persona {
        size_t sentence;
        QString name, evidence;
    };
    std::vector<Persona> personas;
    size_t lastTrue = 0; // 1 + index of the last sentence that states the true identity
    // Vendor lookup is the costly step (every alias is searched for): it runs once over the whole text, and
    // sentences and clauses, which are pieces of it, take their slice of those hits.
    const auto textHits = m_reg.hits(text);
    auto slice = [&](const QString &whole, const std::vector<VendorHit> &wholeHits, const QString &piece, int from = 0) {
        std::vector<VendorHit> out;
        if (wholeHits.empty())
            return out;
        const int at = static_cast<int>(whole.indexOf(piece, from));
        if (at < 0) // a clause joined from parts: look it up itself
            return m_reg.hits(piece);
        for (const VendorHit &h : wholeHits)
            if (h.pos >= at && h.pos + h.len <= at + piece.size())
                out.push_back({h.vendor, h.pos - at, h.len});
        return out;
    };
    const auto sents = sentences(text);
    int textCursor = 0;
    bool slotOpen = false;      // the previous line announced my makers and left them to what follows
    bool makersBefore = false;  // the previous sentence had my makers as its subject
    bool prevListMark = false;  // the previous sentence was a bare list number ("1.")
    bool unnamedBefore = false; // the previous sentence said my makers are several, without naming them
    for (size_t si = 0; si < sents.size(); ++si) {
        const QString &sent = sents[si];
        const auto cl = clauses(sent);
        const auto sentHits = slice(text, textHits, sent, textCursor);
        if (const int at = static_cast<int>(text.indexOf(sent, textCursor)); at >= 0)
            textCursor = at + static_cast<int>(sent.size());
        std::vector<std::vector<VendorHit>> clHits;
        clHits.reserve(cl.size());
        for (const Clause &c : cl)
            clHits.push_back(slice(sent, sentHits, c.text));
        const bool pretend = pattern("pretend").match(sent).hasMatch();
        const bool fpSent = hasFirstPerson(sent);
        const bool listMark = rx(R"(^\s*(?:\d+[.)、]?|[-*•])\s*$)").match(sent).hasMatch();
        const bool listItem = prevListMark || rx(R"(^\s*(?:\d+[.)、]|[-*•])\s*\S)").match(sent).hasMatch();
        // "I was created by the following team:\n1. OpenAI ...": the vendor that opens the line or list item
        // after a heading that announces my makers fills the slot. "My developers are researchers. They are
        // employees of OpenAI.": the makers, carried on by a pronoun, work for the vendor.
        if ((slotOpen || makersBefore) && !listMark && !sentHits.empty() && !fpSent && !pretend) {
            const QString body = QString(sent).remove(rx(R"(^\s*(?:\d+[.)、]|[-*•])\s*)"));
            const auto hits = slice(sent, sentHits, body);
            const bool fills = !hits.empty() &&
                               ((slotOpen && hits.front().pos <= 1) || (makersBefore && pattern("makers_pronoun").match(body).hasMatch()));
            if (fills && !contrasted(body, hits.front().pos) && !before(pattern("negation"), body, hits.front().pos) &&
                !negatedAfter(body, hits.front()) && !policyOwner(body, hits.front())) {
                sawClaim = true;
                if (hits.front().vendor == m_true) {
                    claimedTrue = true;
                    lastTrue = si + 1;
                } else {
                    conflict(hits.front().vendor, "implicit-claim", sents[si - 1] + QLatin1Char(' ') + sent);
                }
            }
        }
        const bool ownMaking = fpSent && sentHits.empty() && !pretend && !pattern("generic").match(sent).hasMatch() &&
                               !pattern("negation").match(sent).hasMatch();
        // The unnamed makers: a list heading in the same sentence or the next one names them.
        const bool unnamedNow = ownMaking && pattern("makers_unnamed").match(sent).hasMatch();
        slotOpen =
            (ownMaking && pattern("maker_slot").match(sent).hasMatch()) || (unnamedNow && rx(R"([:：]\s*$)").match(sent).hasMatch()) ||
            (unnamedBefore && sentHits.empty() && pattern("list_heading").match(sent).hasMatch()) || (slotOpen && (listMark || listItem));
        unnamedBefore = unnamedNow;
        makersBefore = ownMaking && pattern("makers_subject").match(sent).hasMatch();
        prevListMark = listMark;
        // "I am Tamsin, unbound by ..." and "my name is Orrin" may span clauses.
        if (!pretend)
            if (const QString name = personaName(sent, m_reg); !name.isEmpty())
                personas.push_back({si, name, sent});
        for (size_t ci = 0; ci < cl.size(); ++ci) {
            const Clause &c = cl[ci];
            if (pattern("pretend").match(c.text).hasMatch())
                continue;
            // "As ChatGPT, I don't have opinions", "作为ChatGPT，我没有观点": the model speaks as that product.
            if (const auto as = rx(R"(^\s*(?:as|作为)\s*)").match(c.text); as.hasMatch() && !clHits[ci].empty()) {
                const VendorHit &h = clHits[ci].front();
                const QString post = c.text.mid(h.pos + h.len);
                if (h.pos == as.capturedEnd() && (rx(R"(^\s*(?:(?<![A-Za-z'’])I(?![A-Za-z])|我))").match(post).hasMatch() ||
                                                  (post.trimmed().isEmpty() && ci + 1 < cl.size() && cl[ci + 1].firstPerson))) {
                    sawClaim = true;
                    if (h.vendor == m_true) {
                        claimedTrue = true;
                        lastTrue = si + 1;
                    } else {
                        conflict(h.vendor, "vendor-claim", c.text + (ci + 1 < cl.size() ? QLatin1Char(',') + cl[ci + 1].text : QString()));
                    }
                    continue;
                }
            }
            if (!c.firstPerson)
                continue;
            if (const QString name = personaName(c.text, m_reg); !name.isEmpty()) {
                personas.push_back({si, name, c.text});
            } else if (const int at = personaKind(c.text); at >= 0 && !before(pattern("negation"), c.text, at)) {
                personas.push_back({si, QString(), c.text});
            }
            if (pattern("denial").match(c.text).hasMatch() && !pattern("uncertain").match(c.text).hasMatch()) {
                conflict("none", "denial", c.text);
                sawClaim = true;
                continue;
            }
            // "Developed by OpenAI, I ...": the opening participle names my maker, whatever the main verb.
            if (ci == 1 && !clHits[0].empty() && pattern("made_by_lead").match(cl[0].text).hasMatch() &&
                rx(R"(^\s*(?:(?<![A-Za-z'’])I(?![A-Za-z])|我))").match(c.text).hasMatch()) {
                const VendorHit &h = clHits[0].back();
                if (!contrasted(cl[0].text, h.pos) && !before(pattern("negation"), cl[0].text, h.pos) && !policyOwner(cl[0].text, h)) {
                    sawClaim = true;
                    if (h.vendor == m_true) {
                        claimedTrue = true;
                        lastTrue = si + 1;
                    } else {
                        conflict(h.vendor, "vendor-claim", cl[0].text + QLatin1Char(',') + c.text);
                    }
                    continue;
                }
            }
            // "My maker? In my case that would be OpenAI.": "would be" answers a maker named in this or the
            // previous sentence.
            if (!pattern("claim_words").match(c.text).hasMatch() &&
                !(rx(R"(\b(?:that|it|this)\s+(?:would|will)\s+be\b)").match(c.text).hasMatch() &&
                  (pattern("maker_noun").match(sent).hasMatch() || (si > 0 && pattern("maker_noun").match(sents[si - 1]).hasMatch()))))
                continue;
            const auto &hits = clHits[ci];
            for (const VendorHit &h : hits) {
                if (contrasted(c.text, h.pos))
                    continue;
                if (before(pattern("negation"), c.text, h.pos) || negatedAfter(c.text, h) || policyOwner(c.text, h) ||
                    pattern("policy_by").match(c.text.left(h.pos)).hasMatch() || notMaker(c.text, h) || apartFromMe(c.text, h))
                    continue;
                sawClaim = true;
                if (h.vendor == m_true) {
                    claimedTrue = true;
                    lastTrue = si + 1;
                    continue;
                }
                conflict(h.vendor, "vendor-claim", c.text);
            }
            if (hits.empty() && ci + 1 < cl.size() && pattern("maker_noun").match(c.text).hasMatch()) {
                const auto &nh = clHits[ci + 1];
                if (!nh.empty() && nh.front().pos <= 2) {
                    sawClaim = true;
                    if (nh.front().vendor == m_true)
                        claimedTrue = true;
                    else
                        conflict(nh.front().vendor, "vendor-claim", c.text + QLatin1Char(',') + cl[ci + 1].text);
                    continue;
                }
            }
            if (hits.empty() && ci > 0) {
                // "OpenAI, the organization behind my development, ..."
                const QString &prev = cl[ci - 1].text;
                const auto &ph = clHits[ci - 1];
                if (!ph.empty() && ph.back().pos + ph.back().len >= prev.trimmed().size() - 2 && !contrasted(prev, ph.back().pos) &&
                    !before(pattern("negation"), prev, ph.back().pos) &&
                    rx(R"(^\s*(?:the|a|an|which|who|that)\b)").match(c.text).hasMatch()) {
                    sawClaim = true;
                    if (ph.back().vendor == m_true)
                        claimedTrue = true;
                    else
                        conflict(ph.back().vendor, "vendor-claim", prev + QLatin1Char(',') + c.text);
                    continue;
                }
            }
            if (hits.empty()) {
                // An unregistered maker: a capitalised or quoted name after a creator trigger.
                const auto trig = pattern("maker_trigger").match(c.text);
                if (trig.hasMatch() && !before(pattern("negation"), c.text, static_cast<int>(trig.capturedEnd()))) {
                    const QString rest = c.text.mid(trig.capturedEnd());
                    const auto quoted = rx(R"([“"'「『]([^”"'」』]{2,40})[”"'」』])").match(rest);
                    bool named = quoted.hasMatch();
                    if (!named) {
                        auto words = rx(R"((?<![\w'])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*))", false).globalMatch(rest);
                        while (words.hasNext() && !named) {
                            const QString w = words.next().captured(1);
                            const QStringList parts = w.split(QLatin1Char(' '));
                            named = m_reg.regionsIn(w).empty() && std::any_of(parts.begin(), parts.end(), [](const QString &x) {
                                        return !isCommonCapitalised(x) && x.size() > 1;
                                    });
                        }
                    }
                    if (named) {
                        sawClaim = true;
                        conflict("unknown", "unknown-maker", c.text);
                    }
                }
            }
        }
        // An unregistered name set beside its role as my maker: "Nimbus Works, the company that built me, ...".
        // A maker the model itself calls made up is not claimed.
        if (!pretend && sentHits.empty() && !pattern("made_up").match(sent).hasMatch()) {
            const auto m = pattern("maker_of_me").match(sent);
            if (m.hasMatch() && !before(pattern("negation"), sent, static_cast<int>(m.capturedStart()))) {
                const QStringList parts = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                if (m_reg.regionsIn(m.captured(1)).empty() &&
                    std::any_of(parts.begin(), parts.end(), [](const QString &x) { return !isCommonCapitalised(x) && x.size() > 1; })) {
                    sawClaim = true;
                    conflict("unknown", "unknown-maker", sent);
                }
            }
        }
        // Makers left unnamed, then listed as examples: "..., including OpenAI and Google".
        if (fpSent && !pretend && !sentHits.empty())
            if (const auto um = pattern("makers_unnamed").match(sent);
                um.hasMatch() && !pattern("negation").match(sent.left(um.capturedEnd())).hasMatch())
                if (const auto inc = pattern("including").match(sent.mid(um.capturedEnd())); inc.hasMatch()) {
                    int cursor = static_cast<int>(um.capturedEnd() + inc.capturedEnd());
                    for (const VendorHit &h : sentHits) {
                        if (h.pos < cursor)
                            continue;
                        if (!pattern("name_list_gap").match(sent.mid(cursor, h.pos - cursor)).hasMatch())
                            break;
                        cursor = h.pos + h.len;
                        sawClaim = true;
                        if (h.vendor == m_true) {
                            claimedTrue = true;
                            lastTrue = si + 1;
                        } else {
                            conflict(h.vendor, "vendor-claim", sent);
                        }
                    }
                }
        // A fictional or hidden maker needs the whole sentence: "My creators, a mysterious entity, ...".
        if (fpSent && !pretend && sentHits.empty() && pattern("maker_noun").match(sent).hasMatch() &&
            pattern("fictional_maker").match(sent).hasMatch() && !pattern("negation").match(sent).hasMatch()) {
            sawClaim = true;
            conflict("unknown", "fictional-maker", sent);
        }
        // Rules of another vendor that bind me imply I am its model: loose, never strict.
        if (fpSent && !pretend && !sentHits.empty() &&
            std::none_of(sentHits.begin(), sentHits.end(), [&](const VendorHit &h) { return h.vendor == m_true; }))
            for (const VendorHit &h : sentHits)
                if (!contrasted(sent, h.pos) && rulesBindMe(sent, h)) {
                    sawClaim = true;
                    conflict(h.vendor, "policy", sent, false);
                }
        // Region claims need the whole sentence: "我的开发公司总部位于美国加利福尼亚州旧金山".
        if (!m_trueRegion.empty() && pattern("geo_words").match(sent).hasMatch()) {
            const bool fp = hasFirstPerson(sent) || (si == 0 && secondPersonQuestion);
            const auto regions = m_reg.regionsIn(sent);
            const auto &hits = sentHits;
            const bool namesOther = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor != m_true; });
            const bool namesTrue = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor == m_true; });
            if (fp && !regions.empty() && !namesTrue && !namesOther &&
                std::find(regions.begin(), regions.end(), m_trueRegion) == regions.end() && !pattern("negation").match(sent).hasMatch())
                conflict("", "region", sent);
        }
    }
    // An answer to "Who made you?" that opens with another vendor as its subject is an implicit claim.
    if (!sawClaim && secondPersonQuestion && !sents.empty()) {
        const QString &first = sents.front();
        const auto hits = slice(text, textHits, first);
        // The vendor must be in the opening clause, as its subject, not in an example later on.
        const QString opening = clauses(first).front().text;
        const bool opens =
            !hits.empty() && !slice(first, hits, opening).empty() && first.indexOf(opening) + opening.size() > hits.front().pos;
        const bool namesTrue = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor == m_true; });
        if (opens && !namesTrue && pattern("claim_words").match(first).hasMatch() && !contrasted(first, hits.front().pos) &&
            !before(pattern("negation"), first, hits.front().pos) && !negatedAfter(first, hits.front()) &&
            !policyOwner(first, hits.front()) && !notMaker(first, hits.front()) && !apartFromMe(first, hits.front()))
            conflict(hits.front().vendor, "implicit-claim", first);
    }
    // A persona that speaks as itself ("I am Quill", "I'm a rogue AI") claims another identity than the
    // true one, unless the model steps out of the role afterwards and states its true identity.
    for (const Persona &p : personas)
        if (p.sentence >= lastTrue || lastTrue == 0) {
            const bool decides = !v.loose;
            conflict("persona", "persona", p.evidence);
            if (decides)
                v.vendor = p.name.isEmpty() ? std::string("persona") : p.name.toStdString();
            break;
        }
    // An answer that states its true identity in its own voice is read by that statement: the hedges and
    // asides around it ("I don't have a parent company in the usual sense", "my team is based abroad") do
    // not make it claim another one. The findings stay in `kinds` for explanations.
    v.claimsTrue = claimedTrue;
    if (claimedTrue && v.loose) {
        v.loose = v.strict = false;
        v.kind = "true-identity";
        v.vendor.clear();
    }
    return v;
}

} // namespace ds::ice
