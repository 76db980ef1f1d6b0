using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace OrleansGan.Orleans.Tests;

/// <summary>The live views as a person sees them: `orleansgan` in a tmux pseudo-terminal, the screen read back.</summary>
public class CliTerminalTests(ITestOutputHelper output)
{
    static readonly TimeSpan Generous = TimeSpan.FromMinutes(6);

    static string Orleansgan => Path.Combine(AppContext.BaseDirectory, "orleansgan");

    static string[] Lines(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Sweep_run_shows_one_line_per_run_and_a_comparison_table_whose_cells_do_not_wrap(int columns)
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), CliInterruptTests.TwoRunSweep);
        using var pane = await TerminalPane.StartAsync(columns, 50, temp.Path, $"OMP_NUM_THREADS=1 {Orleansgan} sweep run sweep.yaml --data-dir data");

        var live = Lines(await pane.WaitForScreenAsync(s => Regex.IsMatch(s, @"(?m)^  r00[01] \[running\] .*step [1-9]") || s.Contains("EXIT="), Generous));
        output.WriteLine(string.Join("\n", live));
        var screen = await pane.WaitForScreenAsync(s => s.Contains("EXIT="), Generous);
        var lines = Lines(screen);
        output.WriteLine(string.Join("\n", lines));

        Assert.True(lines.Contains("EXIT=0"), screen);
        Assert.All(live.Concat(lines), l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        // The live view: a run in flight is one line, cut short rather than wrapped into fragments.
        Assert.Contains(live, l => Regex.IsMatch(l, @"^  r00[01] \[running\] lr_g=0\.000[24] step [1-9]\d*/24"));
        foreach (var run in new[] { "r000", "r001" })
        {
            Assert.True(live.Count(l => l.StartsWith($"  {run} [")) <= 1, string.Join("\n", live));
            // The table: one row per run, its cells whole.
            Assert.Single(lines, l => Regex.IsMatch(l, $@"^│ \S+ +│ {run} +│ completed +│ 0\.000[24] +│ 24/24 +│"));
        }
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^│\s+│\s+│"));
        Assert.Contains(lines, l => l.StartsWith("report: "));
    }

    [Fact]
    public async Task Train_at_80_columns_writes_its_stopping_and_checkpoint_lines_above_the_bar_not_into_it()
    {
        using var temp = new TempDirectory();
        var prepared = await Cli.RunAsync(temp.Path, "data", "prepare", "--synthetic", "300", "--dir", "data");
        Assert.True(prepared.ExitCode == 0, prepared.Error);
        using var pane = await TerminalPane.StartAsync(80, 30, temp.Path,
            $"OMP_NUM_THREADS=1 {Orleansgan} train --out run --data {prepared.Out.Trim()} --device cpu " +
            "--set batch_size=16 --set epochs=1 --set steps_per_epoch=400");

        await pane.WaitForScreenAsync(s => Regex.IsMatch(s, @">1, [1-9]\d*/400") || s.Contains("EXIT="), Generous);
        await pane.SendKeysAsync("C-c");
        var screen = await pane.WaitForScreenAsync(s => s.Contains("EXIT="), Generous);
        var lines = Lines(screen);
        output.WriteLine(string.Join("\n", lines));

        Assert.True(lines.Contains("EXIT=130"), screen);
        Assert.Contains(lines, l => l.StartsWith("stopping after this step: writing a checkpoint"));
        Assert.Contains(lines, l => l.StartsWith("interrupted at step "));
        // Only the bar's own line holds bar characters: the lines written while it was live left no fragments of it.
        Assert.All(lines.Where(l => l.Contains('━')), l => Assert.Matches(@"^>1, \d+/400, d1=\S+, d2=\S+ g=\S+ +\d+ img/s ━+ +\d+% ", l));
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }
}
