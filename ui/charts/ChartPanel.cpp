#include "charts/ChartPanel.h"

#include "export/ExportDialog.h"
#include "services/Async.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ds::ui {

ChartPanel::ChartPanel(const QString &exportName, QWidget *parent)
    : QWidget(parent), m_exportName(exportName), m_export(new LatestRequest(this))
{
    m_figure = new FigureWidget(this);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_figure);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_tools = new QHBoxLayout;
    m_tools->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save this figure as PNG (at a DPI), SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &ChartPanel::exportFigure);
    connect(m_figure, &FigureWidget::exportRequested, this, &ChartPanel::exportFigure);
    m_tools->addStretch(1);
    m_tools->addWidget(m_status);
    m_tools->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_tools);
    layout->addWidget(m_scroll, 1);
}

void ChartPanel::addTool(QWidget *w)
{
    m_tools->insertWidget(m_tools->count() - 3, w);
}

void ChartPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void ChartPanel::exportFigure()
{
    const FigurePtr fig = m_figure->figure();
    if (!fig) {
        setStatus(tr("Nothing to export yet"), true);
        return;
    }
    ExportDialog dlg(m_exportName, fig->labels(), this);
    if (dlg.exec() != QDialog::Accepted)
        return;
    const FigurePtr edited = fig->withLabels(dlg.labels());
    const QString path = dlg.path();
    const ExportOptions opt = dlg.options();
    setStatus(tr("Exporting…"));
    m_export->run(
        [edited, path, opt] {
            QString error;
            const bool ok = ui::exportFigure(*edited, path, opt, &error);
            return ok ? QString() : error;
        },
        [this, path](const QString &error) {
            if (error.isEmpty())
                setStatus(tr("Saved %1").arg(path));
            else
                setStatus(error, true);
        });
}

} // namespace ds::ui
