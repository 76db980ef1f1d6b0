namespace OrleansGan.Runs;

/// <summary>
/// A run grain's answer to an attempt's report: whether the attempt is still the run's (a stale one must stop and
/// write nothing more), and the last step the grain holds, from which a reporter resends whatever the grain lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReportAck")]
public sealed record ReportAck([property: Id(0)] bool Current, [property: Id(1)] long Step)
{
    public static ReportAck Stale { get; } = new(false, 0);
}
