using System.Globalization;

namespace OrleansGan.Runs;

public static class RunIds
{
    public static string For(string experimentId, int index) => $"{experimentId}-r{index:D3}";

    /// <summary>The experiment and variant index a run id was made from, or null when it is not such an id.</summary>
    public static (string ExperimentId, int Index)? Parse(string runId)
    {
        var separator = runId.LastIndexOf("-r", StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(runId.AsSpan(separator + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return null;
        var experimentId = runId[..separator];
        return For(experimentId, index) == runId ? (experimentId, index) : null;
    }
}
