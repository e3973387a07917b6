#include "charts/FigureExport.h"

#include "util/SafeFile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

namespace ds::ui {

QSizeF exportSizePt(const Figure &figure, const ExportOptions &o)
{
    const FigureStyle style = FigureStyle::print(o.fontPt, o.palette);
    const double w = o.widthIn * 72.0;
    const double h = o.heightIn > 0 ? o.heightIn * 72.0 : std::ceil(figure.heightFor(w, style));
    return {w, std::max(h, 36.0)};
}

bool exportFigure(const Figure &figure, const QString &path, const ExportOptions &o, QString *error)
{
    // Rendered in memory, then written with every write checked, fsynced and renamed into place:
    // a full disk is an error, never a truncated figure reported as written.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!renderFigure(figure, QFileInfo(path).suffix().toLower(), o, &buffer, error))
        return false;
    std::string failure;
    if (!writeFileSafely(path.toStdString(), std::string_view(buffer.data().constData(), size_t(buffer.data().size())), &failure)) {
        if (error)
            *error = QString::fromStdString(failure);
        return false;
    }
    return true;
}

bool renderFigure(const Figure &figure, const QString &suffix, const ExportOptions &o, QIODevice *device, QString *error)
{
    auto setError = [&](const QString &e) {
        if (error)
            *error = e;
        return false;
    };
    if (!(o.widthIn > 0.5 && o.widthIn <= 100) || !(o.dpi >= 30 && o.dpi <= 2400) || !(o.fontPt >= 3 && o.fontPt <= 72))
        return setError(QStringLiteral("width must be 0.5-100 in, DPI 30-2400, font 3-72 pt"));
    const FigureStyle style = FigureStyle::print(o.fontPt, o.palette);
    const QSizeF pt = exportSizePt(figure, o);

    if (suffix == QLatin1String("png")) {
        const QSize px(int(std::lround(o.widthIn * o.dpi)), int(std::lround(pt.height() / 72.0 * o.dpi)));
        if (qint64(px.width()) * px.height() > 400'000'000LL)
            return setError(QStringLiteral("image too large (%1 x %2 px)").arg(px.width()).arg(px.height()));
        QImage img(px, QImage::Format_ARGB32_Premultiplied);
        if (img.isNull())
            return setError(QStringLiteral("out of memory for a %1 x %2 px image").arg(px.width()).arg(px.height()));
        const int dpm = int(std::lround(o.dpi / 0.0254));
        img.setDotsPerMeterX(dpm);
        img.setDotsPerMeterY(dpm);
        img.fill(style.background);
        {
            QPainter p(&img);
            p.scale(o.dpi / 72.0, o.dpi / 72.0);
            figure.paint(p, QRectF(QPointF(0, 0), pt), style);
        }
        if (!img.save(device, "PNG"))
            return setError(QStringLiteral("cannot encode the PNG"));
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setOutputDevice(device);
        gen.setResolution(72); // one SVG user unit = one point
        gen.setSize(QSize(int(std::ceil(pt.width())), int(std::ceil(pt.height()))));
        gen.setViewBox(QRectF(QPointF(0, 0), pt));
        gen.setTitle(figure.title());
        gen.setDescription(QStringLiteral("DistillScope figure"));
        QPainter p;
        if (!p.begin(&gen))
            return setError(QStringLiteral("cannot render the SVG"));
        figure.paint(p, QRectF(QPointF(0, 0), pt), style);
        p.end();
        return true;
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(device);
        constexpr int kRes = 720;
        pdf.setResolution(kRes);
        pdf.setPageSize(QPageSize(pt, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(figure.title());
        pdf.setCreator(QStringLiteral("DistillScope"));
        QPainter p;
        if (!p.begin(&pdf))
            return setError(QStringLiteral("cannot render the PDF"));
        p.scale(kRes / 72.0, kRes / 72.0);
        figure.paint(p, QRectF(QPointF(0, 0), pt), style);
        p.end();
        return true;
    }
    return setError(QStringLiteral("unknown figure format '%1' (use .png, .svg or .pdf)").arg(suffix));
}

} // namespace ds::ui
