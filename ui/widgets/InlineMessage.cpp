#include "widgets/InlineMessage.h"

namespace ds::ui {

InlineMessage::InlineMessage(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void InlineMessage::show(const QString &text, Kind kind)
{
    setText(text);
    const char *bg = kind == Error ? "rgba(198,40,40,0.15)" : kind == Success ? "rgba(46,125,50,0.15)" : "rgba(25,118,210,0.12)";
    setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 4px; padding: 4px 8px; }").arg(QLatin1String(bg)));
    setVisible(!text.isEmpty());
}

void InlineMessage::clear()
{
    QLabel::clear();
    setVisible(false);
}

} // namespace ds::ui
