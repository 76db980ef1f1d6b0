namespace OrleansGan.Workers;

public static class TrialKey
{
    public static string For(string runId, int attempt) => $"{runId}#{attempt}";
}
