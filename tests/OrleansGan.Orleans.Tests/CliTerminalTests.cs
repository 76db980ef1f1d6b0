using System.Text.RegularExpressions;
using OrleansGan.Experiments;
using OrleansGan.Testing;
using Xunit.Abstractions;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// The live views as a person sees them: `orleansgan` in a tmux pseudo-terminal of 80, 120 and 200 columns, the screen
/// read back.
/// </summary>
public class CliTerminalTests(ITestOutputHelper output)
{
    static readonly TimeSpan Generous = TimeSpan.FromMinutes(6);

    static string Orleansgan => Path.Combine(AppContext.BaseDirectory, "orleansgan");

    /// <summary>
    /// A line that names a file by its absolute path is printed whole, however long: the terminal wraps it (read back
    /// joined), and copying it gives the path back whole. Every other line fits the width.
    /// </summary>
    static bool IsPathLine(string line) => Regex.IsMatch(line, @"(^|\s)/\S+");

    static string[] Lines(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(200)]
    public async Task Sweep_run_shows_one_line_per_run_and_a_comparison_table_whose_cells_do_not_wrap(int columns)
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), SmallSweepFile.TwoRuns("interrupted", steps: 24));
        using var pane = await TerminalPane.StartAsync(columns, 50, temp.Path, $"OMP_NUM_THREADS=1 {Orleansgan} sweep run sweep.yaml --data-dir data");

        var live = Lines(await pane.WaitForScreenAsync(s => Regex.IsMatch(s, @"(?m)^  r00[01] \[running\] .*step [1-9]") || s.Contains("EXIT="), Generous));
        output.WriteLine(string.Join("\n", live));
        var screen = await pane.WaitForScreenAsync(s => s.Contains("EXIT="), Generous);
        var lines = Lines(screen);
        output.WriteLine(string.Join("\n", lines));

        Assert.True(lines.Contains("EXIT=0"), screen);
        Assert.All(live.Concat(lines.Where(l => !IsPathLine(l))), l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        var paths = lines.Where(IsPathLine).Select(l => Regex.Match(l, @"^(r00\d grid|report): (/\S+)").Groups[2].Value).ToList();
        Assert.Equal(3, paths.Count);
        Assert.All(paths, p => Assert.True(File.Exists(p), p));
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

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(200)]
    public async Task Train_writes_its_stopping_and_checkpoint_lines_above_the_bar_not_into_it(int columns)
    {
        using var temp = new TempDirectory();
        var prepared = await Cli.RunAsync(temp.Path, "data", "prepare", "--synthetic", "300", "--dir", "data");
        Assert.True(prepared.ExitCode == 0, prepared.Error);
        using var pane = await TerminalPane.StartAsync(columns, 30, temp.Path,
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
        Assert.All(lines.Where(l => !IsPathLine(l)), l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        var checkpoint = Regex.Match(Assert.Single(lines, l => l.StartsWith("interrupted at step ")), @"checkpoint (/\S+);").Groups[1].Value;
        Assert.True(File.Exists(checkpoint), checkpoint);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(200)]
    public async Task Watch_shows_one_line_per_run_in_flight_cut_to_the_width_then_the_comparison(int columns)
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 3);
        cluster.Runner.HoldFrom = 1;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("watched-in-a-terminal", steps: 2, maxConcurrent: 3));
        var deadline = DateTime.UtcNow + Generous;
        while (await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot() is not { Counts: { Completed: 1, Running: 3 } })
        {
            Assert.True(DateTime.UtcNow < deadline, "runs 1 to 3 never ran at once");
            await Task.Delay(100);
        }
        var ids = string.Join(" ", cluster.Ids.Select(v => $"{v.Key}={v.Value}"));
        using var pane = await TerminalPane.StartAsync(columns, 40, data.Path,
            $"{ids} {Orleansgan} watch {id} --gateway {cluster.Gateway} --connect-timeout 120");

        // Runs 1 to 3 hold at their last step, scored: their lines are longer than 80 columns.
        var live = Lines(await pane.WaitForScreenAsync(s => Regex.Matches(s, @"(?m)^  r00[123] \[running\] .*step 2/2").Count == 3 || s.Contains("EXIT="), Generous));
        output.WriteLine(string.Join("\n", live));
        cluster.Runner.Release();
        var screen = await pane.WaitForScreenAsync(s => s.Contains("EXIT="), Generous);
        var lines = Lines(screen);
        output.WriteLine(string.Join("\n", lines));

        Assert.True(lines.Contains("EXIT=0"), screen);
        Assert.All(live.Concat(lines), l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        Assert.Contains(live, l => l.StartsWith($"{id}: running, 4 run(s)") || (columns < 100 && l.StartsWith(id)));
        Assert.Contains("pending 0, running 3, completed 1, failed 0, cancelled 0", live);
        foreach (var run in new[] { "r001", "r002", "r003" })
        {
            var line = Assert.Single(live, l => l.StartsWith($"  {run} ["));
            Assert.Matches(@"^  r00\d \[running\] lr_g=0\.000[24] beta1=0\.[59] step 2/2 d1=", line);
            // Whole where it fits, else cut short (never wrapped onto a second line).
            if (columns >= 200) Assert.EndsWith("at step 2)", line);
            else Assert.EndsWith("…", line);
        }
        foreach (var run in new[] { "r000", "r001", "r002", "r003" })
            Assert.Single(lines, l => Regex.IsMatch(l, $@"^│.*│ {run} +│ completed +│"));
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^│\s+│\s+│"));
    }
}
