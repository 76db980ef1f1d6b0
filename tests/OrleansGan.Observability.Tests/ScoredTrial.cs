namespace OrleansGan.Observability.Tests;

/// <summary>
/// The child trainer command the observed silo trains with (process isolation): the real `orleansgan-silo trial`
/// through scored-trial.sh, which gives every summary that the trainer left unscored a scripted swd score (its step),
/// so that the quality metric and its dashboard panels have numbers before the trainer computes them itself.
/// </summary>
static class ScoredTrial
{
    public static IReadOnlyList<string> Command =>
        ["bash", Path.Combine(AppContext.BaseDirectory, "scored-trial.sh"), Path.Combine(AppContext.BaseDirectory, "orleansgan-silo")];
}
