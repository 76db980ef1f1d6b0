namespace OrleansGan.Runs;

/// <summary>One step's losses and speed as a worker reports them.</summary>
[GenerateSerializer, Immutable, Alias("MetricPoint")]
public sealed record MetricPoint(
    [property: Id(0)] long Step,
    [property: Id(1)] int Epoch,
    [property: Id(2)] double D1,
    [property: Id(3)] double D2,
    [property: Id(4)] double G,
    [property: Id(5)] double StepSeconds,
    [property: Id(6)] double ImagesPerSecond);
