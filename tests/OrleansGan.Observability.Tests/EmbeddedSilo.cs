using OrleansGan.Testing;

namespace OrleansGan.Observability.Tests;

/// <summary>
/// The silo these tests watch: embedded SQLite state under its own data directory, a CPU worker with two slots; with
/// <c>isolatedTrials</c>, each trial trains in a child trainer process of the silo (one thread of libtorch each).
/// </summary>
static class EmbeddedSilo
{
    public static Task<SiloProcess> StartAsync(string directory, bool dashboard = false, bool isolatedTrials = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["OrleansGan__DataDirectory"] = Path.Combine(directory, "data"),
            ["Worker__Accelerator"] = "cpu",
            ["Worker__SlotsPerDevice"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (dashboard) settings["OrleansGan__Dashboard"] = "true";
        if (isolatedTrials)
        {
            settings["Worker__Isolation"] = "process";
            settings["OMP_NUM_THREADS"] = "1";
        }
        return SiloProcess.StartAsync("silo", directory, settings);
    }
}
