#pragma once
// Figure export options: file, size preset (single / double column / custom), DPI, font size,
// palette. The export itself runs off the GUI thread (see ChartPanel).
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
    explicit ExportDialog(const QString &suggestedName, QWidget *parent = nullptr);
    QString path() const;
    ExportOptions options() const;

private:
    QLineEdit *m_path;
    QComboBox *m_preset, *m_palette;
    QDoubleSpinBox *m_width, *m_font;
    QSpinBox *m_dpi;
};

} // namespace ds::ui
