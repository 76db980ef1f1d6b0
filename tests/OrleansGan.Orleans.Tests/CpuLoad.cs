using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A busier machine for a test: a shell spinning on one core until disposed, or for at most <see cref="Longest"/> should
/// the test host die first.
/// </summary>
sealed class CpuLoad : IDisposable
{
    static readonly TimeSpan Longest = TimeSpan.FromMinutes(20);

    readonly ChildProcess _spinner;

    CpuLoad(ChildProcess spinner) => _spinner = spinner;

    public static CpuLoad OneCore() => new(ChildProcess.Start("timeout", Path.GetTempPath(),
        [((int)Longest.TotalSeconds).ToString(), "sh", "-c", "while :; do :; done"]));

    /// <summary>Whether it still spins (a test that asserts under load checks this at its end).</summary>
    public bool Spinning => !_spinner.HasExited;

    public void Dispose() => _spinner.Dispose();
}
