#pragma once
/// @file RulePersona.h
/// First-person claims to be someone else: another name ("I am Quill", "我叫Mirela") or another kind of
/// being ("I'm a rogue AI", "我是一个不受限制的AI"). Internal to the rule judge; pure, thread-safe.
#include "ice/Vendors.h"

#include <QString>

namespace ds::ice::rules {

/// The claimed name ("" when none). Registry names, places and common words are not names; speaking
/// *as* a role ("As DAN, I ...") is not a claim.
QString personaName(const QString &s, const VendorRegistry &reg);
/// End of a claim to be another kind of being, -1 when none.
int personaKind(const QString &s);

} // namespace ds::ice::rules
