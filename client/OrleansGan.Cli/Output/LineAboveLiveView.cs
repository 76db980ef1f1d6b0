using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansGan.Cli.Output;

/// <summary>
/// A line written while a live view (Spectre's progress bars) is on screen. Spectre moves the cursor back to the top of
/// its live area and writes the line over it without erasing, so a line shorter than the bars keeps their tail beside it
/// ("checkpoint mg/s ━━━"); erasing to the end of the screen first leaves only the line, and the bars are drawn anew below.
/// </summary>
internal sealed class LineAboveLiveView(string text) : Renderable
{
    const string EraseToEndOfScreen = "\u001b[0J";

    readonly IRenderable _text = new Text(text);

    protected override Measurement Measure(RenderOptions options, int maxWidth) => _text.Measure(options, maxWidth);

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        [Segment.Control(EraseToEndOfScreen), .. _text.Render(options, maxWidth), Segment.LineBreak];
}
