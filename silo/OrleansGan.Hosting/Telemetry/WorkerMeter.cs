namespace OrleansGan.Hosting.Telemetry;

/// <summary>The meter of a worker silo's own numbers: its runs in training and its slots.</summary>
internal static class WorkerMeter
{
    public const string Name = "OrleansGan.Worker";
}
