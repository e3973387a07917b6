#include "widgets/InlineMessage.h"

#include <QApplication>
#include <QEvent>
#include <QRegularExpression>

namespace ds::ui {

InlineMessage::InlineMessage(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    QSizePolicy sp = sizePolicy();
    sp.setRetainSizeWhenHidden(true);
    setSizePolicy(sp);
    setMinimumHeight(fontMetrics().height() + 10);
    setVisible(false);
    // A label with a style sheet keeps the palette of its first polish; the application announces a
    // new palette to itself, so listen there.
    qApp->installEventFilter(this);
}

void InlineMessage::show(const QString &text, Kind kind)
{
    static const QRegularExpression cliHint(QStringLiteral("\\s*\\(see `[^`]*`\\)"));
    QString shown = text;
    shown.remove(cliHint);
    setText(shown);
    m_kind = kind;
    applyStyle();
    setVisible(!shown.isEmpty());
}

void InlineMessage::clear()
{
    QLabel::clear();
    setVisible(false);
}

void InlineMessage::applyStyle()
{
    // Text colour from the application palette now, not the one at first polish (dark -> light).
    const char *bg = m_kind == Error ? "rgba(198,40,40,0.15)" : m_kind == Success ? "rgba(46,125,50,0.15)" : "rgba(25,118,210,0.12)";
    const QString fg = QApplication::palette().color(QPalette::WindowText).name();
    const QString sheet =
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; padding: 4px 8px; }").arg(QLatin1String(bg), fg);
    if (sheet != styleSheet()) // setting a style sheet sends a style change: no loop
        setStyleSheet(sheet);
}

bool InlineMessage::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == qApp && e->type() == QEvent::ApplicationPaletteChange)
        applyStyle();
    return QLabel::eventFilter(watched, e);
}

} // namespace ds::ui
