using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGan.Training.IO;

namespace OrleansGan.Training.Trainer;

/// <summary>
/// A run's full metric history as JSON lines: one "step" line per step, one "summary" line per summary, and one "exploit"
/// line where the run continued from another run's checkpoint (PBT).
/// Appended in whole lines; an unterminated last line (a crash mid-write) is ignored when read.
/// </summary>
public sealed class MetricsJournal(string path) : ITrainingObserver
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Path { get; } = path;

    public void OnSteps(IReadOnlyList<StepMetrics> steps) =>
        Append(steps.Select(s => JsonSerializer.Serialize(new JournalLine("step", s, null), Json)));

    public void OnSummary(SummaryReport summary) =>
        Append([JsonSerializer.Serialize(new JournalLine("summary", null, summary), Json)]);

    /// <summary>Records that the run continues from another run's checkpoint, once however often the attempt is retried.</summary>
    public void OnExploit(ExploitEvent exploit)
    {
        if (!Read().Any(l => l.Exploit == exploit)) Append([JsonSerializer.Serialize(new JournalLine("exploit", null, null) { Exploit = exploit }, Json)]);
    }

    /// <summary>Drops what came after a checkpoint, so a resumed run writes no step twice.</summary>
    public void TruncateAfter(long step)
    {
        if (!File.Exists(Path)) return;
        var kept = Read().Where(l => (l.Step?.Step ?? l.Summary?.Step ?? l.Exploit!.Step) <= step).Select(l => JsonSerializer.Serialize(l, Json));
        AtomicFile.WriteAllText(Path, string.Concat(kept.Select(l => l + "\n")));
    }

    public IEnumerable<JournalLine> Read()
    {
        if (!File.Exists(Path)) yield break;
        var text = File.ReadAllText(Path);
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            yield return JsonSerializer.Deserialize<JournalLine>(line, Json)!;
    }

    void Append(IEnumerable<string> lines)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}

public sealed record JournalLine(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StepMetrics? Step,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SummaryReport? Summary)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ExploitEvent? Exploit { get; init; }
}

/// <summary>At <paramref name="Step"/> the run took <paramref name="DonorRun"/>'s checkpoint of that step and the new values.</summary>
public sealed record ExploitEvent(long Step, string DonorRun, string DonorSha256, string OldValues, string NewValues);
