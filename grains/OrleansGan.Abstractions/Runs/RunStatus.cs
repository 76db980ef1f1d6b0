namespace OrleansGan.Runs;

/// <summary><see cref="Stopped"/>: cut early by its experiment's scheduler (ASHA, the median rule), its checkpoints kept; it can be resumed.</summary>
[GenerateSerializer]
public enum RunStatus { Pending, Running, Completed, Failed, Cancelled, Stopped }

public static class RunStatusExtensions
{
    public static bool IsFinished(this RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Stopped;
}
