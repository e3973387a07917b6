#pragma once
// Shows a Figure in a widget (dark-mode aware, high-DPI sharp: it paints vectors at the screen's
// resolution), with tooltips from the figure's hit test and a click signal for drill-down.
#include "charts/Figure.h"

#include <QWidget>

namespace ds::ui {

class FigureWidget : public QWidget {
    Q_OBJECT
public:
    explicit FigureWidget(QWidget *parent = nullptr);
    void setFigure(FigurePtr figure);
    FigurePtr figure() const { return m_figure; }
    /// Base font size on screen (pt).
    void setFontPt(double pt);
    void setPalette(const QString &colorMap);
    /// Text shown when there is no figure (e.g. "No judged prompts yet").
    void setPlaceholder(const QString &text);
    FigureStyle currentStyle() const;
    /// Outlines item (row, col) of the figure, e.g. the heatmap cell the user clicked; -1 = none.
    /// Cleared when another figure is set.
    void setSelectedCell(int row, int col);
    std::pair<int, int> selectedCell() const { return {m_selRow, m_selCol}; }
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override;

signals:
    void clicked(const ds::ui::FigureHit &hit);
    void exportRequested();

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void contextMenuEvent(QContextMenuEvent *e) override;
    bool event(QEvent *e) override;

private:
    double ptPerPx() const;
    void fitHeight();
    QRectF figureRectPt() const;
    FigurePtr m_figure;
    double m_fontPt = 9;
    QString m_palette = QStringLiteral("viridis");
    QString m_placeholder;
    int m_selRow = -1, m_selCol = -1;
};

} // namespace ds::ui
