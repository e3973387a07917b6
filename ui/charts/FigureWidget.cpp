#include "charts/FigureWidget.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>

#include <algorithm>

namespace ds::ui {

FigureWidget::FigureWidget(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(200, 120);
}

void FigureWidget::setFigure(FigurePtr figure)
{
    m_figure = std::move(figure);
    m_selRow = m_selCol = -1;
    fitHeight();
    updateGeometry();
    update();
}

void FigureWidget::fitHeight()
{
    // A scroll area does not honour height-for-width: ask for the figure's least height at this
    // width as a minimum, so a tall figure (many models or runs) scrolls instead of being cut off,
    // while one that scales (a scatter) fills its panel instead of reaching below it.
    const int least = m_figure ? int(m_figure->minimumHeightFor(width() * ptPerPx(), currentStyle()) / ptPerPx()) + 1 : 120;
    setMinimumHeight(std::clamp(least, 120, 30000)); // window systems cap a widget near 32k px
}

void FigureWidget::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    if (e->oldSize().width() != width())
        fitHeight();
}

void FigureWidget::setSelectedCell(int row, int col)
{
    m_selRow = row;
    m_selCol = col;
    update();
}

void FigureWidget::setFontPt(double pt)
{
    m_fontPt = pt;
    fitHeight();
    updateGeometry();
    update();
}

void FigureWidget::setPalette(const QString &colorMap)
{
    m_palette = colorMap;
    update();
}

void FigureWidget::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

FigureStyle FigureWidget::currentStyle() const
{
    FigureStyle s = FigureStyle::fromPalette(palette(), m_fontPt);
    s.palette = m_palette;
    return s;
}

double FigureWidget::ptPerPx() const
{
    return 72.0 / double(logicalDpiX() > 0 ? logicalDpiX() : 96);
}

QRectF FigureWidget::figureRectPt() const
{
    return QRectF(0, 0, width() * ptPerPx(), height() * ptPerPx());
}

int FigureWidget::heightForWidth(int w) const
{
    if (!m_figure)
        return 120;
    return int(m_figure->heightFor(w * ptPerPx(), currentStyle()) / ptPerPx()) + 1;
}

QSize FigureWidget::sizeHint() const
{
    return QSize(640, heightForWidth(640));
}

void FigureWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (!m_figure) {
        p.fillRect(rect(), palette().color(QPalette::Base));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    p.scale(1 / ptPerPx(), 1 / ptPerPx());
    const FigureStyle style = currentStyle();
    m_figure->paint(p, figureRectPt(), style);
    if (const auto cell = m_figure->itemRect(m_selRow, m_selCol, figureRectPt(), style)) {
        // Two rings (dark inside light) stay visible on every colour of the map.
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::white, 3 * ptPerPx()));
        p.drawRect(cell->adjusted(1, 1, -1, -1));
        p.setPen(QPen(Qt::black, 1.5 * ptPerPx()));
        p.drawRect(cell->adjusted(1, 1, -1, -1));
    }
}

void FigureWidget::mouseMoveEvent(QMouseEvent *e)
{
    if (!m_figure)
        return;
    const auto hit = m_figure->hitTest(e->position() * ptPerPx(), figureRectPt(), currentStyle());
    if (hit && !hit->tooltip.isEmpty()) {
        QToolTip::showText(e->globalPosition().toPoint(), hit->tooltip, this);
        setCursor(Qt::PointingHandCursor);
    } else {
        QToolTip::hideText();
        unsetCursor();
    }
}

void FigureWidget::mousePressEvent(QMouseEvent *e)
{
    if (!m_figure || e->button() != Qt::LeftButton)
        return;
    if (const auto hit = m_figure->hitTest(e->position() * ptPerPx(), figureRectPt(), currentStyle()))
        emit clicked(*hit);
}

void FigureWidget::contextMenuEvent(QContextMenuEvent *e)
{
    if (!m_figure)
        return;
    QMenu menu(this);
    menu.addAction(tr("Export figure…"), this, &FigureWidget::exportRequested);
    menu.exec(e->globalPos());
}

bool FigureWidget::event(QEvent *e)
{
    if (e->type() == QEvent::PaletteChange)
        update();
    return QWidget::event(e);
}

} // namespace ds::ui
