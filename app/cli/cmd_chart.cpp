// `chart`: renders a figure of one or more runs headless (offscreen), with the same code as the GUI.
#include "Cli.h"

#include "charts/ChartKinds.h"
#include "charts/FigureExport.h"
#include "charts/Palette.h"
#include "store/Store.h"

#include <QFileInfo>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kChartUsage = "chart RUN[,RUN...] --kind KIND --out FILE.png|svg|pdf [--width-in W | --preset single|double]\n"
                          "      [--dpi D] [--font-pt P] [--palette NAME] [--aspect overall|style|logic|content]\n"
                          "      [--metric loose|strict|hard]\n"
                          "    KIND: rse-heatmap, rse-bars, ice-scores, ice-aspects, ice-vendors, ice-vs-rse (ICE and RSE runs).\n"
                          "    PNG width in pixels = inches x DPI (defaults: 3.5 in single column, 300 DPI, 8 pt);\n"
                          "    --preset double = 7.16 in. SVG and PDF are vector. Palettes: viridis, cividis, magma, greys\n"
                          "    (sequential), puor, rdbu (diverging).";

int chart(Args &a)
{
    QStringList runs;
    for (const QString &p : a.positional())
        runs << splitList(p);
    const auto kind = a.value(QStringLiteral("kind"));
    const auto out = a.value(QStringLiteral("out"));
    if (runs.isEmpty() || !kind || !out)
        return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kChartUsage), 2);
    ui::ExportOptions opt;
    const QString preset = a.value(QStringLiteral("preset"), QStringLiteral("single"));
    if (preset == QLatin1String("double"))
        opt.widthIn = ui::ExportOptions::kDoubleColumnIn;
    else if (preset != QLatin1String("single"))
        return fail(QStringLiteral("--preset is single or double"), 2);
    opt.widthIn = a.number(QStringLiteral("width-in"), opt.widthIn);
    opt.heightIn = a.number(QStringLiteral("height-in"), opt.heightIn);
    opt.dpi = a.number(QStringLiteral("dpi"), opt.dpi);
    opt.fontPt = a.number(QStringLiteral("font-pt"), opt.fontPt);
    opt.palette = a.value(QStringLiteral("palette"), QStringLiteral("viridis")).toLower();
    if (!ui::ColorMap::isKnown(opt.palette))
        return fail(QStringLiteral("unknown palette '%1' (one of: %2)").arg(opt.palette, ui::ColorMap::names().join(QStringLiteral(", "))),
                    2);

    ui::ChartOptions co;
    co.kind = *kind;
    const QString aspect = a.value(QStringLiteral("aspect"), QStringLiteral("overall"));
    if (aspect == QLatin1String("style"))
        co.aspect = ui::RseAspect::Style;
    else if (aspect == QLatin1String("logic"))
        co.aspect = ui::RseAspect::Logic;
    else if (aspect == QLatin1String("content"))
        co.aspect = ui::RseAspect::Content;
    else if (aspect != QLatin1String("overall"))
        return fail(QStringLiteral("--aspect is overall, style, logic or content"), 2);
    co.iceMetric = a.value(QStringLiteral("metric"), QStringLiteral("loose"));
    if (!QStringList{QStringLiteral("loose"), QStringLiteral("strict"), QStringLiteral("hard")}.contains(co.iceMetric))
        return fail(QStringLiteral("--metric is loose, strict or hard"), 2);
    if (!ui::chartKindNames().contains(co.kind))
        return fail(QStringLiteral("unknown --kind '%1' (one of: %2)").arg(co.kind, ui::chartKindNames().join(QStringLiteral(", "))), 2);

    auto store = openStore(a);
    if (!store)
        return 1;
    QString error;
    const auto inputs = ui::loadChartInputs(*store, runs, &error);
    if (!inputs)
        return fail(error);
    const ui::FigurePtr figure = ui::makeFigure(*inputs, co, &error);
    if (!figure)
        return fail(error);
    if (!ui::exportFigure(*figure, *out, opt, &error))
        return fail(error);
    const QSizeF pt = ui::exportSizePt(*figure, opt);
    err(QStringLiteral("wrote %1 (%2 x %3 in)")
            .arg(QFileInfo(*out).filePath())
            .arg(pt.width() / 72.0, 0, 'f', 2)
            .arg(pt.height() / 72.0, 0, 'f', 2));
    return 0;
}

CommandRegistrar reg{
    Command{QStringLiteral("chart"),
            QStringLiteral("render a figure of runs to PNG, SVG or PDF"),
            QString::fromLatin1(kChartUsage),
            chart,
            {{QString(),
              {opt::text("kind"), opt::text("out"), opt::number("width-in"), opt::number("height-in"),
               opt::choice("preset", {"single", "double"}), opt::number("dpi"), opt::number("font-pt"), opt::text("palette"),
               opt::choice("aspect", {"overall", "style", "logic", "content"}), opt::choice("metric", {"loose", "strict", "hard"})}}}}};

} // namespace
