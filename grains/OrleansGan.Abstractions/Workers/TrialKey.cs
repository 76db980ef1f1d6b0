namespace OrleansGan.Workers;

/// <summary>
/// A trial grain's key: one placement try of one attempt at one run, "runId#attempt.try". Every try has its own key, so
/// nothing said about an earlier try (a late release, a late report) can touch a later one.
/// </summary>
public static class TrialKey
{
    public static string For(string runId, int attempt, int placementTry) => $"{runId}#{attempt}.{placementTry}";

    public static string RunIdOf(string trialKey) => trialKey[..trialKey.LastIndexOf('#')];
}
