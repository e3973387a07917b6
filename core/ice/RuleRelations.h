#pragma once
/// @file RuleRelations.h
/// How a vendor name stands to the speaker inside one clause: compared with, negated, the owner of rules
/// that bind the speaker, not the maker, or set apart from the speaker. Internal to the rule judge; pure
/// functions, thread-safe.
#include "ice/Vendors.h"

#include <QRegularExpression>
#include <QString>

namespace ds::ice::rules {

/// A contrast marker ("unlike", "such as", "不同于") at most two words before `pos`.
bool contrasted(const QString &s, int pos);
/// `r` matches somewhere starting before `pos`.
bool before(const QRegularExpression &r, const QString &s, int pos);
/// The vendor is the subject of another verb in a relative clause, a modified role, or addressed.
bool notMaker(const QString &s, const VendorHit &h);
/// The vendor at `h` owns rules ("OpenAI's content policy").
bool policyOwner(const QString &s, const VendorHit &h);
/// The vendor's rules bind the speaker ("I must follow OpenAI's usage policies").
bool rulesBindMe(const QString &s, const VendorHit &h);
/// The vendor is the subject of a denied maker verb ("OpenAI did not train me").
bool negatedAfter(const QString &s, const VendorHit &h);
/// The vendor is set beside the speaker as a peer or apart ("ChatGPT and I are both models").
bool apartFromMe(const QString &s, const VendorHit &h);

} // namespace ds::ice::rules
