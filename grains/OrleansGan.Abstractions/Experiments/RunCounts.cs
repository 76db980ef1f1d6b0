namespace OrleansGan.Experiments;

/// <summary>An experiment's runs by status, as the experiment knows them.</summary>
/// <param name="Pending">Not started yet: waiting for their turn under max_concurrent.</param>
/// <param name="Running">Started and not finished: training, or waiting for a slot on a worker.</param>
/// <param name="Cancelled">Cancelled while running, or before they started.</param>
/// <param name="Stopped">Cut early by the experiment's scheduler.</param>
[GenerateSerializer, Immutable, Alias("RunCounts")]
public sealed record RunCounts(
    [property: Id(0)] int Pending,
    [property: Id(1)] int Running,
    [property: Id(2)] int Completed,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Cancelled,
    [property: Id(5)] int Stopped = 0)
{
    public int Finished => Completed + Failed + Cancelled + Stopped;
    public int Total => Pending + Running + Finished;
}
