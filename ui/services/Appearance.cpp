#include "services/Appearance.h"

#include "services/Settings.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

namespace ds::ui {

namespace {
struct Startup {
    QString styleName; ///< the platform's style, restored by "system"
    bool captured = false;
};
Startup &startup()
{
    static Startup s;
    if (!s.captured && qApp) {
        s.styleName = QApplication::style() ? QApplication::style()->name() : QString();
        s.captured = true;
    }
    return s;
}

QPalette darkPalette()
{
    // Fusion's roles filled with a neutral dark scheme; link and highlight stay readable on it.
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6), dim(0x8c, 0x8c, 0x8c);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6e, 0x6e));
    p.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x36, 0x39));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x28));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x8c, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dim);
    return p;
}

/// Fusion outlines check boxes with the window colour darkened, which on a dark window is the colour
/// of the box itself: unticked boxes vanish. This style adds a visible frame around every check
/// indicator (widgets and item views) in the palette's placeholder colour.
class VisibleIndicatorStyle : public QProxyStyle {
public:
    VisibleIndicatorStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion"))) {}
    void drawPrimitive(PrimitiveElement pe, const QStyleOption *opt, QPainter *p, const QWidget *w) const override
    {
        QProxyStyle::drawPrimitive(pe, opt, p, w);
        if (pe != PE_IndicatorCheckBox && pe != PE_IndicatorItemViewItemCheck)
            return;
        p->save();
        p->setRenderHint(QPainter::Antialiasing, false);
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(opt->palette.color(QPalette::PlaceholderText), 1));
        p->drawRect(QRectF(opt->rect).adjusted(0.5, 0.5, -1.5, -1.5));
        p->restore();
    }
};
} // namespace

QStringList appearanceModes()
{
    return {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")};
}

QString currentAppearance()
{
    const QString mode = settings::appearance.get();
    return appearanceModes().contains(mode) ? mode : QStringLiteral("system");
}

void applyAppearance(const QString &requested)
{
    const QString mode = appearanceModes().contains(requested) ? requested : QStringLiteral("system");
    const Startup &s = startup();
    if (mode == QLatin1String("system")) {
        if (QStyle *style = QStyleFactory::create(s.styleName.isEmpty() ? QStringLiteral("Fusion") : s.styleName))
            QApplication::setStyle(style);
        QApplication::setPalette(QPalette()); // a default palette hands control back to the platform theme
    } else {
        // Fusion draws any palette faithfully; dark mode also frames check boxes so unticked ones show.
        if (mode == QLatin1String("dark"))
            QApplication::setStyle(new VisibleIndicatorStyle);
        else
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(mode == QLatin1String("dark") ? darkPalette() : QApplication::style()->standardPalette());
    }
    settings::appearance.set(mode);
}

} // namespace ds::ui
