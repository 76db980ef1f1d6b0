using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansGan.Cli.Report;

/// <summary>
/// A line chart as inline SVG, a line per run (a group with data-run), lines clipped to the plot (by a nested svg, whose
/// viewport clips, with a margin that keeps dots on the edge whole). The y axis spans every
/// smoothed value and the 1st to 99th percentile of the raw ones, so that one early spike does not flatten the rest;
/// a fraction chart spans 0..100% with a dashed line at chance (50%).
/// </summary>
internal static class SvgLineChart
{
    const double Width = 480, Height = 250, Left = 50, Right = 14, Top = 10, Bottom = 26;
    const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    const double RawPercentile = 0.01;
    const double ClipMargin = 6;

    /// <param name="fraction">Values in 0..1, drawn as 0..100%.</param>
    /// <param name="fromZero">The y axis starts at zero (for rates, where the distance from zero means something).</param>
    /// <param name="emptyMessage">Shown in the frame when no line has a point.</param>
    public static string Render(IReadOnlyList<ChartLine> lines, bool fraction, string emptyMessage, bool fromZero = false)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"#fff\" stroke=\"#d0d5dd\"/>");
        var points = lines.SelectMany(l => l.Points.Concat(l.Smoothed ?? [])).ToList();
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + PlotWidth / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\" fill=\"#667085\" font-size=\"13\">{WebUtility.HtmlEncode(emptyMessage)}</text></svg>");
            return svg.ToString();
        }
        var x = ChartAxis.Spanning(0, points.Max(p => p.X), integer: true);
        var y = fraction ? ChartAxis.Fraction : ValueAxis(lines, fromZero);
        Grid(svg, x, y, fraction);
        var (clipX, clipY, clipWidth, clipHeight) = (Left - ClipMargin, Top - ClipMargin, PlotWidth + 2 * ClipMargin, PlotHeight + 2 * ClipMargin);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg x=\"{clipX}\" y=\"{clipY}\" width=\"{clipWidth}\" height=\"{clipHeight}\" viewBox=\"{clipX} {clipY} {clipWidth} {clipHeight}\" overflow=\"hidden\">");
        if (fraction) svg.Append(Line(x, y, [new(x.Lo, 0.5), new(x.Hi, 0.5)], "chance", "#98a2b3", 1, 1, "4 4"));
        foreach (var line in lines) Draw(svg, line, x, y);
        svg.Append("</svg></svg>");
        return svg.ToString();
    }

    static ChartAxis ValueAxis(IReadOnlyList<ChartLine> lines, bool fromZero)
    {
        var raw = lines.SelectMany(l => l.Points).Select(p => p.Y).Order().ToList();
        var smoothed = lines.SelectMany(l => l.Smoothed ?? []).Select(p => p.Y).ToList();
        var lo = Percentile(raw, RawPercentile);
        var hi = Percentile(raw, 1 - RawPercentile);
        if (smoothed.Count > 0) (lo, hi) = (Math.Min(lo, smoothed.Min()), Math.Max(hi, smoothed.Max()));
        if (fromZero) lo = Math.Min(lo, 0);
        return ChartAxis.Spanning(lo, hi, integer: false);
    }

    static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round(p * (sorted.Count - 1))];

    static void Grid(StringBuilder svg, ChartAxis x, ChartAxis y, bool percent)
    {
        svg.Append("<g class=\"axes\" font-size=\"11\" fill=\"#667085\">");
        foreach (var tick in y.Ticks())
        {
            var py = Y(y, tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{py:F1}\" y2=\"{py:F1}\" stroke=\"#eaecf0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{py + 4:F1}\" text-anchor=\"end\">{y.Label(tick, percent)}</text>");
        }
        foreach (var tick in x.Ticks())
        {
            var px = X(x, tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:F1}\" x2=\"{px:F1}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\" stroke=\"#f2f4f7\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px:F1}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{x.Label(tick, percent: false)}</text>");
        }
        svg.Append("</g>");
    }

    static void Draw(StringBuilder svg, ChartLine line, ChartAxis x, ChartAxis y)
    {
        var run = WebUtility.HtmlEncode(line.Run);
        svg.Append($"<g class=\"run\" data-run=\"{run}\"><title>{run}</title>");
        var dash = line.Dashed ? "5 3" : null;
        if (line.Smoothed is { } smoothed)
        {
            svg.Append(Line(x, y, line.Points, "raw", line.Colour, 1, 0.28, dash));
            svg.Append(Line(x, y, smoothed, "smooth", line.Colour, 2, 1, dash));
        }
        else
        {
            svg.Append(Line(x, y, line.Points, "values", line.Colour, 1.8, 1, dash));
        }
        if (line.Dots)
            foreach (var p in line.Points)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(x, p.X):F1}\" cy=\"{Y(y, p.Y):F1}\" r=\"2.8\" fill=\"{line.Colour}\"/>");
        if (line.Marked is { } marked)
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"best\" cx=\"{X(x, marked.X):F1}\" cy=\"{Y(y, marked.Y):F1}\" r=\"6.5\" fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2\"/>");
        svg.Append("</g>");
    }

    static string Line(ChartAxis x, ChartAxis y, IReadOnlyList<ChartPoint> points, string kind, string colour, double width, double opacity, string? dash)
    {
        var coordinates = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(x, p.X):F1},{Y(y, p.Y):F1}")));
        var dashes = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
        return string.Create(CultureInfo.InvariantCulture,
            $"<polyline class=\"{kind}\" points=\"{coordinates}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-opacity=\"{opacity}\" stroke-linejoin=\"round\"{dashes}/>");
    }

    static double X(ChartAxis axis, double value) => Left + axis.Position(value) * PlotWidth;

    static double Y(ChartAxis axis, double value) => Top + (1 - axis.Position(value)) * PlotHeight;
}
