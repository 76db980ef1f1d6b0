namespace OrleansGan.Runs;

[GenerateSerializer]
public enum RunStatus { Pending, Running, Completed, Failed, Cancelled }

public static class RunStatusExtensions
{
    public static bool IsFinished(this RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;
}
