#pragma once
// Light, dark or the system's look, switchable at any time (View > Appearance). "system" hands the
// palette back to the platform theme, so a desktop switching to dark mode mid-session is followed;
// every widget, chart and table repaints from the palette on the change (no colours are cached).
#include <QString>
#include <QStringList>

namespace ds::ui {

/// "system", "light" or "dark".
QStringList appearanceModes();
/// Applies a mode to the running application and remembers it. Unknown modes act as "system".
void applyAppearance(const QString &mode);
/// The mode in effect (from the settings at start-up).
QString currentAppearance();

} // namespace ds::ui
