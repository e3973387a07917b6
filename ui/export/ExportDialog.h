#pragma once
// Figure export options: file, size preset (single / double column / custom), height, DPI, font
// size, palette, and the figure's title and axis labels as they should appear in the paper. The
// export itself runs off the GUI thread (see ChartPanel).
#include "charts/FigureExport.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace ds::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString &suggestedName, const FigureLabels &labels, QWidget *parent = nullptr);
    QString path() const;
    ExportOptions options() const;
    /// The texts as edited (defaults: the figure's own).
    FigureLabels labels() const;
    /// Test hooks.
    void setLabels(const QString &title, const QString &xLabel, const QString &yLabel);
    void setHeightIn(double inches);

private:
    QLineEdit *m_path, *m_title, *m_xLabel, *m_yLabel;
    QComboBox *m_preset, *m_palette;
    QDoubleSpinBox *m_width, *m_height, *m_font;
    FigureLabels m_labels;
    QSpinBox *m_dpi;
};

} // namespace ds::ui
