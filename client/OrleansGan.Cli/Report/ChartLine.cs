namespace OrleansGan.Cli.Report;

/// <summary>One run's line on a chart, in the run's colour.</summary>
internal sealed record ChartLine(string Run, string Colour, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>When set, <see cref="Points"/> (the raw values) are drawn faint and this line solid over them.</summary>
    public IReadOnlyList<ChartPoint>? Smoothed { get; init; }

    public bool Dashed { get; init; }

    /// <summary>A dot at every point: for values taken at summaries, which are few.</summary>
    public bool Dots { get; init; }

    /// <summary>A ring around one point: the run's best.</summary>
    public ChartPoint? Marked { get; init; }
}
