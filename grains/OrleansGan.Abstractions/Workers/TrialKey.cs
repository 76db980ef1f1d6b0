namespace OrleansGan.Workers;

/// <summary>A trial grain's key: one attempt at one run, "runId#attempt".</summary>
public static class TrialKey
{
    public static string For(string runId, int attempt) => $"{runId}#{attempt}";

    public static string RunIdOf(string trialKey) => trialKey[..trialKey.LastIndexOf('#')];
}
