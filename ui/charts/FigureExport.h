#pragma once
// Off-screen export of a Figure: PNG at a chosen DPI (width px = inches x DPI), SVG with size and
// viewBox (vector shapes, 1 unit = 1 pt), PDF with one page of the figure's size. Thread-safe for
// different figures (QImage/QSvgGenerator/QPdfWriter work off the GUI thread).
#include "charts/Figure.h"

#include <QString>

class QIODevice;

namespace ds::ui {

struct ExportOptions {
    double widthIn = 3.5; ///< 3.5 = single column, 7.16 = double column
    double heightIn = 0;  ///< 0 = the figure's natural height for that width
    double dpi = 300;     ///< PNG only
    double fontPt = 8;
    QString palette = QStringLiteral("viridis");

    static constexpr double kSingleColumnIn = 3.5;
    static constexpr double kDoubleColumnIn = 7.16;
};

/// Format from the suffix: png, svg or pdf. False + *error on an unknown suffix or a write failure.
/// Written through ds::writeFileSafely (temporary file, checked writes, fsync, rename).
bool exportFigure(const Figure &figure, const QString &path, const ExportOptions &options, QString *error);
/// Renders to `device` in the format named by `suffix` (png, svg, pdf).
bool renderFigure(const Figure &figure, const QString &suffix, const ExportOptions &options, QIODevice *device, QString *error);
/// The rendered size in points for `options`.
QSizeF exportSizePt(const Figure &figure, const ExportOptions &options);

} // namespace ds::ui
