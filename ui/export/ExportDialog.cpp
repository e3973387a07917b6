#include "export/ExportDialog.h"

#include "charts/Palette.h"
#include "services/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace ds::ui {

ExportDialog::ExportDialog(const QString &suggestedName, const FigureLabels &labels, QWidget *parent) : QDialog(parent), m_labels(labels)
{
    setWindowTitle(tr("Export figure"));
    QString dir = settings::exportDir.get();
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path = new QLineEdit(QDir(dir).filePath(suggestedName + QStringLiteral(".pdf")), this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Export figure"), m_path->text(), tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png)"));
        if (!f.isEmpty())
            m_path->setText(f);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_preset = new QComboBox(this);
    m_preset->addItem(tr("Single column (3.5 in)"), ExportOptions::kSingleColumnIn);
    m_preset->addItem(tr("Double column (7.16 in)"), ExportOptions::kDoubleColumnIn);
    m_preset->addItem(tr("Custom"), 0.0);
    m_width = new QDoubleSpinBox(this);
    m_width->setRange(1, 40);
    m_width->setDecimals(2);
    m_width->setSuffix(tr(" in"));
    m_width->setValue(ExportOptions::kSingleColumnIn);
    m_width->setEnabled(false);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int i) {
        const double w = m_preset->itemData(i).toDouble();
        m_width->setEnabled(w == 0);
        if (w > 0)
            m_width->setValue(w);
    });
    m_height = new QDoubleSpinBox(this);
    m_height->setRange(0, 40);
    m_height->setDecimals(2);
    m_height->setSingleStep(0.25);
    m_height->setSuffix(tr(" in"));
    m_height->setSpecialValueText(tr("natural (fits the content)"));
    m_title = new QLineEdit(labels.title, this);
    m_title->setPlaceholderText(tr("(no title: the caption goes in the paper)"));
    m_xLabel = new QLineEdit(labels.xLabel, this);
    m_yLabel = new QLineEdit(labels.yLabel, this);
    m_xLabel->setEnabled(labels.hasX);
    m_yLabel->setEnabled(labels.hasY);
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(72, 1200);
    m_dpi->setValue(settings::exportDpi.get());
    m_dpi->setSuffix(tr(" DPI (PNG)"));
    m_font = new QDoubleSpinBox(this);
    m_font->setRange(4, 24);
    m_font->setValue(settings::exportFontPt.get());
    m_font->setSuffix(tr(" pt"));
    m_palette = new QComboBox(this);
    m_palette->addItems(ColorMap::names());
    m_palette->setCurrentText(settings::exportPalette.get());

    auto *form = new QFormLayout(this);
    form->addRow(tr("File"), pathRow);
    form->addRow(tr("Size"), m_preset);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("Title"), m_title);
    form->addRow(labels.hasY ? tr("X axis label") : tr("Value label"), m_xLabel);
    form->addRow(tr("Y axis label"), m_yLabel);
    form->addRow(tr("Resolution"), m_dpi);
    form->addRow(tr("Font size"), m_font);
    form->addRow(tr("Colour map"), m_palette);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        settings::exportDir.set(QFileInfo(path()).absolutePath());
        settings::exportDpi.set(m_dpi->value());
        settings::exportFontPt.set(m_font->value());
        settings::exportPalette.set(m_palette->currentText());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.widthIn = m_width->value();
    o.heightIn = m_height->value();
    o.dpi = m_dpi->value();
    o.fontPt = m_font->value();
    o.palette = m_palette->currentText();
    return o;
}

FigureLabels ExportDialog::labels() const
{
    FigureLabels l = m_labels;
    l.title = m_title->text().trimmed();
    l.xLabel = m_xLabel->text().trimmed();
    l.yLabel = m_yLabel->text().trimmed();
    return l;
}

void ExportDialog::setLabels(const QString &title, const QString &xLabel, const QString &yLabel)
{
    m_title->setText(title);
    m_xLabel->setText(xLabel);
    m_yLabel->setText(yLabel);
}

void ExportDialog::setHeightIn(double inches)
{
    m_height->setValue(inches);
}

} // namespace ds::ui
