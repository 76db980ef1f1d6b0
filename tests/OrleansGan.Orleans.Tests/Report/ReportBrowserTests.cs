using System.Text.Json;
using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>
/// The report of a real sweep opened from disk in headless Chromium: no console errors, no uncaught exceptions, no failed
/// loads, no request beyond the file and its data URIs; its screenshot shows the table and the sample grids as embedded.
/// </summary>
[Collection(ReportedSweepCollection.Name)]
public class ReportBrowserTests(ReportedSweep sweep)
{
    const int Width = 1400;

    [Fact]
    public async Task Chromium_renders_the_table_and_the_grids_with_no_console_errors_and_no_network()
    {
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.OpenAsync(sweep.ReportPath, Width, 900);

        Assert.True(await AllImagesLoaded(chromium));
        var layout = JsonSerializer.Deserialize<Layout>((await chromium.EvaluateAsync(LayoutScript)).GetString()!)!;
        var height = Math.Min(layout.Height, 8000);
        var screenshot = await chromium.ScreenshotAsync(Width, height);
        var shot = PngDecoder.Decode(screenshot);
        var screenshotPath = Path.Combine(sweep.DataDirectory, "report-screenshot.png");
        await File.WriteAllBytesAsync(screenshotPath, screenshot);
        ReportedSweep.KeepForLooking(screenshotPath);

        Assert.Empty(chromium.Errors);
        var fileUrl = new Uri(sweep.ReportPath).AbsoluteUri;
        Assert.All(chromium.RequestedUrls, url => Assert.True(url == fileUrl || url.StartsWith("data:", StringComparison.Ordinal), $"requested {url}"));
        Assert.Equal((Width, height), (shot.Width, shot.Height));
        Assert.True(DistinctColours(shot, new Box(0, 0, Width, height)) > 500, "the screenshot is nearly blank");

        Assert.Equal(4, layout.TableRows);
        Assert.True(DarkShare(shot, layout.Table) > 0.01, "the ranking table shows no text");
        Assert.Equal(9, layout.Grids.Length);
        Assert.Contains(layout.Grids, g => g.Best);
        // A best grid carries a badge over its corner, so the pixel comparison takes the first grid without one.
        var grid = layout.Grids.First(g => !g.Best);
        var png = PngDecoder.Decode(Convert.FromBase64String(grid.Src["data:image/png;base64,".Length..]));
        Assert.True(MeanDifference(shot, grid.Box, png) < 6, "the first unmarked grid on screen is not the PNG the page embeds");
    }

    sealed record Box(int X, int Y, int Width, int Height);
    sealed record Grid(Box Box, string Src, bool Best);
    sealed record Layout(int Height, Box Table, int TableRows, Grid[] Grids);

    /// <summary>Page coordinates (CSS pixels) of the ranking table and of each timeline image's content box (inside its border).</summary>
    const string LayoutScript = """
        (() => {
          const box = (r, inset) => ({ X: Math.round(r.left + scrollX + inset.l), Y: Math.round(r.top + scrollY + inset.t), Width: Math.round(inset.w ?? r.width), Height: Math.round(inset.h ?? r.height) });
          const table = document.querySelector('table.ranking');
          return JSON.stringify({
            Height: document.documentElement.scrollHeight,
            Table: box(table.getBoundingClientRect(), { l: 0, t: 0 }),
            TableRows: table.tBodies[0].rows.length,
            Grids: [...document.querySelectorAll('.timeline figure.grid img')].map(img => ({
              Box: box(img.getBoundingClientRect(), { l: img.clientLeft, t: img.clientTop, w: img.clientWidth, h: img.clientHeight }),
              Src: img.src,
              Best: img.closest('figure').classList.contains('best'),
            })),
          });
        })()
        """;

    static async Task<bool> AllImagesLoaded(HeadlessChromium chromium) =>
        (await chromium.EvaluateAsync("[...document.images].filter(i => i.getAttribute('src')).every(i => i.complete && i.naturalWidth > 0)")).GetBoolean();

    static int DistinctColours(PngDecoder.Decoded shot, Box box) =>
        Pixels(shot, box).Select(p => (p.R << 16) | (p.G << 8) | p.B).Distinct().Count();

    /// <summary>The share of pixels dark enough to be text.</summary>
    static double DarkShare(PngDecoder.Decoded shot, Box box) =>
        Pixels(shot, box).Average(p => p.R + p.G + p.B < 3 * 110 ? 1.0 : 0.0);

    /// <summary>Mean absolute difference per channel between the screen and the PNG scaled (nearest pixel) onto the box.</summary>
    static double MeanDifference(PngDecoder.Decoded shot, Box box, PngDecoder.Decoded png)
    {
        double total = 0;
        var count = 0;
        for (var y = 0; y < box.Height; y++)
            for (var x = 0; x < box.Width; x++)
            {
                var (sx, sy) = (x * png.Width / box.Width, y * png.Height / box.Height);
                var screen = ((box.Y + y) * shot.Width + box.X + x) * 3;
                var source = (sy * png.Width + sx) * 3;
                for (var c = 0; c < 3; c++) total += Math.Abs(shot.Rgb[screen + c] - png.Rgb[source + c]);
                count += 3;
            }
        return total / count;
    }

    static IEnumerable<(int R, int G, int B)> Pixels(PngDecoder.Decoded shot, Box box)
    {
        for (var y = box.Y; y < Math.Min(box.Y + box.Height, shot.Height); y++)
            for (var x = box.X; x < Math.Min(box.X + box.Width, shot.Width); x++)
            {
                var i = (y * shot.Width + x) * 3;
                yield return (shot.Rgb[i], shot.Rgb[i + 1], shot.Rgb[i + 2]);
            }
    }
}
