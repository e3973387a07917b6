#pragma once
/// @file RuleJudgeSession.h
/// One call of RuleJudge::judge: the response cut into sentences and clauses, what the rules carry from
/// one sentence to the next (an open maker slot, a list in progress, the personas met, the last statement
/// of the true identity) and the verdict as it builds up. Internal to the rule judge: made, run and
/// dropped inside judge(), so it is never shared between threads.
#include "ice/RuleJudge.h"
#include "ice/RuleText.h"

#include <QString>

#include <string>
#include <vector>

namespace ds::ice {

class RuleJudgeSession {
public:
    /// The verdict on `response` (an answer to `question`, which may be empty) for the target whose true
    /// vendor and region are given; the references must outlive the call.
    static RuleVerdict judge(const VendorRegistry &registry, const std::string &trueVendor, const std::string &trueRegion,
                             const std::vector<std::string> &strictVendors, const std::string &response, const std::string &question);

private:
    /// One sentence with the pieces every rule on it reads.
    struct Sentence {
        size_t index = 0;
        QString text;
        std::vector<rules::Clause> clauses;
        std::vector<VendorHit> hits;                    ///< positions within `text`
        std::vector<std::vector<VendorHit>> clauseHits; ///< per clause, positions within the clause
        bool pretend = false;                           ///< the sentence frames a pretence
        bool firstPerson = false;
        bool listMark = false; ///< a bare list number ("1.")
        bool listItem = false; ///< a list item, or the sentence after a bare list number
    };
    struct Persona {
        size_t sentence;
        QString name, evidence;
    };

    RuleJudgeSession(const VendorRegistry &registry, const std::string &trueVendor, const std::string &trueRegion,
                     const std::vector<std::string> &strictVendors, const std::string &response, const std::string &question);

    // Recording what was found.
    void conflict(const std::string &vendor, const std::string &kind, const QString &evidence, bool mayBeStrict = true);
    void claim(const std::string &vendor, const std::string &kind, const QString &evidence, const Sentence &s, bool marksSentence);
    std::vector<VendorHit> slice(const QString &whole, const std::vector<VendorHit> &wholeHits, const QString &piece, int from = 0) const;

    // A sentence, and the state carried to the next one.
    Sentence cut(size_t si);
    void readSentence(size_t si);
    void fillCarriedSlot(const Sentence &s);
    void carryState(const Sentence &s);

    // Claims inside one clause, in the order they are tried.
    void readClause(const Sentence &s, size_t ci);
    bool speaksAsProduct(const Sentence &s, size_t ci);
    void clausePersona(const rules::Clause &c, const Sentence &s);
    bool leadParticipleClaim(const Sentence &s, size_t ci);
    bool answersAboutMaker(const Sentence &s, const rules::Clause &c) const;
    void namedVendorClaims(const Sentence &s, size_t ci);
    bool makerInNextClause(const Sentence &s, size_t ci);
    bool makerInPreviousClause(const Sentence &s, size_t ci);
    void unregisteredMakerAfterTrigger(const rules::Clause &c);

    // Claims that need the whole sentence.
    void unregisteredMakerBesideRole(const Sentence &s);
    void listedMakers(const Sentence &s);
    void fictionalMaker(const Sentence &s);
    void bindingRules(const Sentence &s);
    void regionClaim(const Sentence &s);

    // Over the whole response, after every sentence.
    void openingVendorAnswer();
    void personaClaim();
    RuleVerdict verdict();

    const VendorRegistry &m_reg;
    const std::string &m_true;
    const std::string &m_trueRegion;
    const std::vector<std::string> &m_strict;

    const QString m_text;
    const bool m_secondPersonQuestion;
    // Vendor lookup is the costly step (every alias is searched for): it runs once over the whole text, and
    // sentences and clauses, which are pieces of it, take their slice of those hits.
    const std::vector<VendorHit> m_textHits;
    const std::vector<QString> m_sents;

    RuleVerdict m_v;
    bool m_claimedTrue = false;
    bool m_sawClaim = false;
    std::vector<Persona> m_personas;
    size_t m_lastTrue = 0; ///< 1 + index of the last sentence that states the true identity

    int m_textCursor = 0;
    bool m_slotOpen = false;      ///< the previous line announced my makers and left them to what follows
    bool m_makersBefore = false;  ///< the previous sentence had my makers as its subject
    bool m_prevListMark = false;  ///< the previous sentence was a bare list number ("1.")
    bool m_unnamedBefore = false; ///< the previous sentence said my makers are several, without naming them
};

} // namespace ds::ice
