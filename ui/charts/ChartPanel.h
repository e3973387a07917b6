#pragma once
// A figure with its toolbar: an Export button (PNG/SVG/PDF through ExportDialog, rendered off the
// GUI thread), room for page-specific selectors, a scroll area for tall figures and an inline
// status line (errors are shown here, never as message boxes).
#include "charts/FigureWidget.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QScrollArea;

namespace ds::ui {
class LatestRequest;

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartPanel(const QString &exportName, QWidget *parent = nullptr);
    FigureWidget *figureWidget() const { return m_figure; }
    void setFigure(FigurePtr f) { m_figure->setFigure(std::move(f)); }
    /// Adds a selector (combo box, check box) to the toolbar, left of Export.
    void addTool(QWidget *w);
    void setStatus(const QString &text, bool error = false);
    void setExportName(const QString &name) { m_exportName = name; }

public slots:
    void exportFigure();

private:
    FigureWidget *m_figure;
    QScrollArea *m_scroll;
    QHBoxLayout *m_tools;
    QLabel *m_status;
    QString m_exportName;
    LatestRequest *m_export;
};

} // namespace ds::ui
