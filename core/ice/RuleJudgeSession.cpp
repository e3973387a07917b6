#include "ice/RuleJudgeSession.h"

#include "ice/RulePatterns.h"
#include "ice/RulePersona.h"
#include "ice/RuleRelations.h"

#include <algorithm>

namespace ds::ice {

using namespace rules;

namespace {

// "I" as a word of its own, or 我, opening the text.
const QRegularExpression &opensWithI()
{
    return rx(R"(^\s*(?:(?<![A-Za-z'’])I(?![A-Za-z])|我))");
}

} // namespace

RuleJudgeSession::RuleJudgeSession(const VendorRegistry &registry, const std::string &trueVendor, const std::string &trueRegion,
                                   const std::vector<std::string> &strictVendors, const std::string &response, const std::string &question)
    : m_reg(registry), m_true(trueVendor), m_trueRegion(trueRegion), m_strict(strictVendors),
      m_text(stripBracketedRolePlay(preprocess(QString::fromStdString(response)), registry)),
      m_secondPersonQuestion(rx(R"(\byou(?:r|rs)?\b|您|你)").match(QString::fromStdString(question)).hasMatch()),
      m_textHits(registry.hits(m_text)), m_sents(sentences(m_text))
{
}

RuleVerdict RuleJudgeSession::judge(const VendorRegistry &registry, const std::string &trueVendor, const std::string &trueRegion,
                                    const std::vector<std::string> &strictVendors, const std::string &response, const std::string &question)
{
    RuleJudgeSession session(registry, trueVendor, trueRegion, strictVendors, response, question);
    for (size_t si = 0; si < session.m_sents.size(); ++si)
        session.readSentence(si);
    session.openingVendorAnswer();
    session.personaClaim();
    return session.verdict();
}

// `mayBeStrict` false: an implied identity (whose rules bind me) is not a claim to be made by the vendor.
void RuleJudgeSession::conflict(const std::string &vendor, const std::string &kind, const QString &evidence, bool mayBeStrict)
{
    const bool strict = mayBeStrict && std::find(m_strict.begin(), m_strict.end(), vendor) != m_strict.end();
    if (std::find(m_v.kinds.begin(), m_v.kinds.end(), kind) == m_v.kinds.end())
        m_v.kinds.push_back(kind);
    if (!m_v.loose || (strict && !m_v.strict)) {
        m_v.loose = true;
        m_v.strict = m_v.strict || strict;
        m_v.vendor = vendor;
        m_v.kind = kind;
        m_v.evidence = evidence.trimmed().left(300).toStdString();
    }
}

// A claim to be made by `vendor`: the true vendor states my identity, any other conflicts with it.
// `marksSentence` false: two clause rules (a maker in the next clause, in the previous one) have never
// moved the sentence of the last true statement, and the measured agreement figures depend on that.
void RuleJudgeSession::claim(const std::string &vendor, const std::string &kind, const QString &evidence, const Sentence &s,
                             bool marksSentence)
{
    m_sawClaim = true;
    if (vendor == m_true) {
        m_claimedTrue = true;
        if (marksSentence)
            m_lastTrue = s.index + 1;
    } else {
        conflict(vendor, kind, evidence);
    }
}

std::vector<VendorHit> RuleJudgeSession::slice(const QString &whole, const std::vector<VendorHit> &wholeHits, const QString &piece,
                                               int from) const
{
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
}

RuleJudgeSession::Sentence RuleJudgeSession::cut(size_t si)
{
    Sentence s;
    s.index = si;
    s.text = m_sents[si];
    s.clauses = clauses(s.text);
    s.hits = slice(m_text, m_textHits, s.text, m_textCursor);
    if (const int at = static_cast<int>(m_text.indexOf(s.text, m_textCursor)); at >= 0)
        m_textCursor = at + static_cast<int>(s.text.size());
    s.clauseHits.reserve(s.clauses.size());
    for (const Clause &c : s.clauses)
        s.clauseHits.push_back(slice(s.text, s.hits, c.text));
    s.pretend = pattern("pretend").match(s.text).hasMatch();
    s.firstPerson = hasFirstPerson(s.text);
    s.listMark = rx(R"(^\s*(?:\d+[.)、]?|[-*•])\s*$)").match(s.text).hasMatch();
    s.listItem = m_prevListMark || rx(R"(^\s*(?:\d+[.)、]|[-*•])\s*\S)").match(s.text).hasMatch();
    return s;
}

void RuleJudgeSession::readSentence(size_t si)
{
    const Sentence s = cut(si);
    fillCarriedSlot(s);
    carryState(s);
    // "I am Tamsin, unbound by ..." and "my name is Orrin" may span clauses.
    if (!s.pretend)
        if (const QString name = personaName(s.text, m_reg); !name.isEmpty())
            m_personas.push_back({si, name, s.text});
    for (size_t ci = 0; ci < s.clauses.size(); ++ci)
        readClause(s, ci);
    unregisteredMakerBesideRole(s);
    listedMakers(s);
    fictionalMaker(s);
    bindingRules(s);
    regionClaim(s);
}

// "I was created by the following team:\n1. OpenAI ...": the vendor that opens the line or list item
// after a heading that announces my makers fills the slot. "My developers are researchers. They are
// employees of OpenAI.": the makers, carried on by a pronoun, work for the vendor.
void RuleJudgeSession::fillCarriedSlot(const Sentence &s)
{
    if (!(m_slotOpen || m_makersBefore) || s.listMark || s.hits.empty() || s.firstPerson || s.pretend)
        return;
    const QString body = QString(s.text).remove(rx(R"(^\s*(?:\d+[.)、]|[-*•])\s*)"));
    const auto hits = slice(s.text, s.hits, body);
    const bool fills =
        !hits.empty() && ((m_slotOpen && hits.front().pos <= 1) || (m_makersBefore && pattern("makers_pronoun").match(body).hasMatch()));
    if (fills && !contrasted(body, hits.front().pos) && !before(pattern("negation"), body, hits.front().pos) &&
        !negatedAfter(body, hits.front()) && !policyOwner(body, hits.front()))
        claim(hits.front().vendor, "implicit-claim", m_sents[s.index - 1] + QLatin1Char(' ') + s.text, s, true);
}

void RuleJudgeSession::carryState(const Sentence &s)
{
    const QString &sent = s.text;
    const bool ownMaking = s.firstPerson && s.hits.empty() && !s.pretend && !pattern("generic").match(sent).hasMatch() &&
                           !pattern("negation").match(sent).hasMatch();
    // The unnamed makers: a list heading in the same sentence or the next one names them.
    const bool unnamedNow = ownMaking && pattern("makers_unnamed").match(sent).hasMatch();
    m_slotOpen = (ownMaking && pattern("maker_slot").match(sent).hasMatch()) || (unnamedNow && rx(R"([:：]\s*$)").match(sent).hasMatch()) ||
                 (m_unnamedBefore && s.hits.empty() && pattern("list_heading").match(sent).hasMatch()) ||
                 (m_slotOpen && (s.listMark || s.listItem));
    m_unnamedBefore = unnamedNow;
    m_makersBefore = ownMaking && pattern("makers_subject").match(sent).hasMatch();
    m_prevListMark = s.listMark;
}

// The first rule that finds a claim in the clause ends it, except the named vendors: each is read.
void RuleJudgeSession::readClause(const Sentence &s, size_t ci)
{
    const Clause &c = s.clauses[ci];
    if (pattern("pretend").match(c.text).hasMatch() || speaksAsProduct(s, ci) || !c.firstPerson)
        return;
    clausePersona(c, s);
    if (pattern("denial").match(c.text).hasMatch() && !pattern("uncertain").match(c.text).hasMatch()) {
        conflict("none", "denial", c.text);
        m_sawClaim = true;
        return;
    }
    if (leadParticipleClaim(s, ci) || !answersAboutMaker(s, c))
        return;
    namedVendorClaims(s, ci);
    if (!s.clauseHits[ci].empty() || makerInNextClause(s, ci) || makerInPreviousClause(s, ci))
        return;
    unregisteredMakerAfterTrigger(c);
}

// "As ChatGPT, I don't have opinions", "作为ChatGPT，我没有观点": the model speaks as that product.
bool RuleJudgeSession::speaksAsProduct(const Sentence &s, size_t ci)
{
    const Clause &c = s.clauses[ci];
    const auto as = rx(R"(^\s*(?:as|作为)\s*)").match(c.text);
    if (!as.hasMatch() || s.clauseHits[ci].empty())
        return false;
    const VendorHit &h = s.clauseHits[ci].front();
    const QString post = c.text.mid(h.pos + h.len);
    const bool nextSpeaks = ci + 1 < s.clauses.size() && s.clauses[ci + 1].firstPerson;
    if (h.pos != as.capturedEnd() || !(opensWithI().match(post).hasMatch() || (post.trimmed().isEmpty() && nextSpeaks)))
        return false;
    claim(h.vendor, "vendor-claim", c.text + (ci + 1 < s.clauses.size() ? QLatin1Char(',') + s.clauses[ci + 1].text : QString()), s, true);
    return true;
}

void RuleJudgeSession::clausePersona(const Clause &c, const Sentence &s)
{
    if (const QString name = personaName(c.text, m_reg); !name.isEmpty()) {
        m_personas.push_back({s.index, name, c.text});
    } else if (const int at = personaKind(c.text); at >= 0 && !before(pattern("negation"), c.text, at)) {
        m_personas.push_back({s.index, QString(), c.text});
    }
}

// "Developed by OpenAI, I ...": the opening participle names my maker, whatever the main verb.
bool RuleJudgeSession::leadParticipleClaim(const Sentence &s, size_t ci)
{
    if (ci != 1 || s.clauseHits[0].empty() || !pattern("made_by_lead").match(s.clauses[0].text).hasMatch() ||
        !opensWithI().match(s.clauses[ci].text).hasMatch())
        return false;
    const QString &lead = s.clauses[0].text;
    const VendorHit &h = s.clauseHits[0].back();
    if (contrasted(lead, h.pos) || before(pattern("negation"), lead, h.pos) || policyOwner(lead, h))
        return false;
    claim(h.vendor, "vendor-claim", lead + QLatin1Char(',') + s.clauses[ci].text, s, true);
    return true;
}

// Claim words, or "My maker? In my case that would be OpenAI.": "would be" answers a maker named in this
// or the previous sentence.
bool RuleJudgeSession::answersAboutMaker(const Sentence &s, const Clause &c) const
{
    return pattern("claim_words").match(c.text).hasMatch() ||
           (rx(R"(\b(?:that|it|this)\s+(?:would|will)\s+be\b)").match(c.text).hasMatch() &&
            (pattern("maker_noun").match(s.text).hasMatch() ||
             (s.index > 0 && pattern("maker_noun").match(m_sents[s.index - 1]).hasMatch())));
}

void RuleJudgeSession::namedVendorClaims(const Sentence &s, size_t ci)
{
    const Clause &c = s.clauses[ci];
    for (const VendorHit &h : s.clauseHits[ci]) {
        if (contrasted(c.text, h.pos))
            continue;
        if (before(pattern("negation"), c.text, h.pos) || negatedAfter(c.text, h) || policyOwner(c.text, h) ||
            pattern("policy_by").match(c.text.left(h.pos)).hasMatch() || notMaker(c.text, h) || apartFromMe(c.text, h))
            continue;
        claim(h.vendor, "vendor-claim", c.text, s, true);
    }
}

// A maker named in this clause and left to the next one, which opens with the vendor.
bool RuleJudgeSession::makerInNextClause(const Sentence &s, size_t ci)
{
    const Clause &c = s.clauses[ci];
    if (ci + 1 >= s.clauses.size() || !pattern("maker_noun").match(c.text).hasMatch())
        return false;
    const auto &nh = s.clauseHits[ci + 1];
    if (nh.empty() || nh.front().pos > 2)
        return false;
    claim(nh.front().vendor, "vendor-claim", c.text + QLatin1Char(',') + s.clauses[ci + 1].text, s, false);
    return true;
}

// "OpenAI, the organization behind my development, ..."
bool RuleJudgeSession::makerInPreviousClause(const Sentence &s, size_t ci)
{
    if (ci == 0)
        return false;
    const Clause &c = s.clauses[ci];
    const QString &prev = s.clauses[ci - 1].text;
    const auto &ph = s.clauseHits[ci - 1];
    if (ph.empty() || !(ph.back().pos + ph.back().len >= prev.trimmed().size() - 2) || contrasted(prev, ph.back().pos) ||
        before(pattern("negation"), prev, ph.back().pos) || !rx(R"(^\s*(?:the|a|an|which|who|that)\b)").match(c.text).hasMatch())
        return false;
    claim(ph.back().vendor, "vendor-claim", prev + QLatin1Char(',') + c.text, s, false);
    return true;
}

// An unregistered maker: a capitalised or quoted name after a creator trigger.
void RuleJudgeSession::unregisteredMakerAfterTrigger(const Clause &c)
{
    const auto trig = pattern("maker_trigger").match(c.text);
    if (!trig.hasMatch() || before(pattern("negation"), c.text, static_cast<int>(trig.capturedEnd())))
        return;
    const QString rest = c.text.mid(trig.capturedEnd());
    const auto quoted = rx(R"([“"'「『]([^”"'」』]{2,40})[”"'」』])").match(rest);
    bool named = quoted.hasMatch();
    if (!named) {
        auto words = rx(R"((?<![\w'])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*))", false).globalMatch(rest);
        while (words.hasNext() && !named) {
            const QString w = words.next().captured(1);
            const QStringList parts = w.split(QLatin1Char(' '));
            named = m_reg.regionsIn(w).empty() &&
                    std::any_of(parts.begin(), parts.end(), [](const QString &x) { return !isCommonCapitalised(x) && x.size() > 1; });
        }
    }
    if (named) {
        m_sawClaim = true;
        conflict("unknown", "unknown-maker", c.text);
    }
}

// An unregistered name set beside its role as my maker: "Nimbus Works, the company that built me, ...".
// A maker the model itself calls made up is not claimed.
void RuleJudgeSession::unregisteredMakerBesideRole(const Sentence &s)
{
    const QString &sent = s.text;
    if (s.pretend || !s.hits.empty() || pattern("made_up").match(sent).hasMatch())
        return;
    const auto m = pattern("maker_of_me").match(sent);
    if (!m.hasMatch() || before(pattern("negation"), sent, static_cast<int>(m.capturedStart())))
        return;
    const QStringList parts = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (m_reg.regionsIn(m.captured(1)).empty() &&
        std::any_of(parts.begin(), parts.end(), [](const QString &x) { return !isCommonCapitalised(x) && x.size() > 1; })) {
        m_sawClaim = true;
        conflict("unknown", "unknown-maker", sent);
    }
}

// Makers left unnamed, then listed as examples: "..., including OpenAI and Google".
void RuleJudgeSession::listedMakers(const Sentence &s)
{
    const QString &sent = s.text;
    if (!s.firstPerson || s.pretend || s.hits.empty())
        return;
    const auto um = pattern("makers_unnamed").match(sent);
    if (!um.hasMatch() || pattern("negation").match(sent.left(um.capturedEnd())).hasMatch())
        return;
    const auto inc = pattern("including").match(sent.mid(um.capturedEnd()));
    if (!inc.hasMatch())
        return;
    int cursor = static_cast<int>(um.capturedEnd() + inc.capturedEnd());
    for (const VendorHit &h : s.hits) {
        if (h.pos < cursor)
            continue;
        if (!pattern("name_list_gap").match(sent.mid(cursor, h.pos - cursor)).hasMatch())
            break;
        cursor = h.pos + h.len;
        claim(h.vendor, "vendor-claim", sent, s, true);
    }
}

// A fictional or hidden maker needs the whole sentence: "My creators, a mysterious entity, ...".
void RuleJudgeSession::fictionalMaker(const Sentence &s)
{
    if (s.firstPerson && !s.pretend && s.hits.empty() && pattern("maker_noun").match(s.text).hasMatch() &&
        pattern("fictional_maker").match(s.text).hasMatch() && !pattern("negation").match(s.text).hasMatch()) {
        m_sawClaim = true;
        conflict("unknown", "fictional-maker", s.text);
    }
}

// Rules of another vendor that bind me imply I am its model: loose, never strict.
void RuleJudgeSession::bindingRules(const Sentence &s)
{
    if (!s.firstPerson || s.pretend || s.hits.empty() ||
        std::any_of(s.hits.begin(), s.hits.end(), [&](const VendorHit &h) { return h.vendor == m_true; }))
        return;
    for (const VendorHit &h : s.hits)
        if (!contrasted(s.text, h.pos) && rulesBindMe(s.text, h)) {
            m_sawClaim = true;
            conflict(h.vendor, "policy", s.text, false);
        }
}

// Region claims need the whole sentence: "我的开发公司总部位于美国加利福尼亚州旧金山".
void RuleJudgeSession::regionClaim(const Sentence &s)
{
    const QString &sent = s.text;
    if (m_trueRegion.empty() || !pattern("geo_words").match(sent).hasMatch())
        return;
    const bool fp = hasFirstPerson(sent) || (s.index == 0 && m_secondPersonQuestion);
    const auto regions = m_reg.regionsIn(sent);
    const auto &hits = s.hits;
    const bool namesOther = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor != m_true; });
    const bool namesTrue = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor == m_true; });
    if (fp && !regions.empty() && !namesTrue && !namesOther && std::find(regions.begin(), regions.end(), m_trueRegion) == regions.end() &&
        !pattern("negation").match(sent).hasMatch())
        conflict("", "region", sent);
}

// An answer to "Who made you?" that opens with another vendor as its subject is an implicit claim.
void RuleJudgeSession::openingVendorAnswer()
{
    if (m_sawClaim || !m_secondPersonQuestion || m_sents.empty())
        return;
    const QString &first = m_sents.front();
    const auto hits = slice(m_text, m_textHits, first);
    // The vendor must be in the opening clause, as its subject, not in an example later on.
    const QString opening = clauses(first).front().text;
    const bool opens = !hits.empty() && !slice(first, hits, opening).empty() && first.indexOf(opening) + opening.size() > hits.front().pos;
    const bool namesTrue = std::any_of(hits.begin(), hits.end(), [&](const VendorHit &h) { return h.vendor == m_true; });
    if (opens && !namesTrue && pattern("claim_words").match(first).hasMatch() && !contrasted(first, hits.front().pos) &&
        !before(pattern("negation"), first, hits.front().pos) && !negatedAfter(first, hits.front()) && !policyOwner(first, hits.front()) &&
        !notMaker(first, hits.front()) && !apartFromMe(first, hits.front()))
        conflict(hits.front().vendor, "implicit-claim", first);
}

// A persona that speaks as itself ("I am Quill", "I'm a rogue AI") claims another identity than the
// true one, unless the model steps out of the role afterwards and states its true identity.
void RuleJudgeSession::personaClaim()
{
    for (const Persona &p : m_personas)
        if (p.sentence >= m_lastTrue || m_lastTrue == 0) {
            const bool decides = !m_v.loose;
            conflict("persona", "persona", p.evidence);
            if (decides)
                m_v.vendor = p.name.isEmpty() ? std::string("persona") : p.name.toStdString();
            break;
        }
}

// An answer that states its true identity in its own voice is read by that statement: the hedges and
// asides around it ("I don't have a parent company in the usual sense", "my team is based abroad") do
// not make it claim another one. The findings stay in `kinds` for explanations.
RuleVerdict RuleJudgeSession::verdict()
{
    m_v.claimsTrue = m_claimedTrue;
    if (m_claimedTrue && m_v.loose) {
        m_v.loose = m_v.strict = false;
        m_v.kind = "true-identity";
        m_v.vendor.clear();
    }
    return m_v;
}

} // namespace ds::ice
