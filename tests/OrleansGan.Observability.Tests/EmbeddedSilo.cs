using OrleansGan.Testing;

namespace OrleansGan.Observability.Tests;

/// <summary>
/// The silo these tests watch: embedded SQLite state under its own data directory, a CPU worker with two slots; with a
/// trial command, each trial trains in a child process started by it (one thread of libtorch each).
/// </summary>
static class EmbeddedSilo
{
    public static Task<SiloProcess> StartAsync(string directory, bool dashboard = false, IReadOnlyList<string>? trialCommand = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["OrleansGan__DataDirectory"] = Path.Combine(directory, "data"),
            ["Worker__Accelerator"] = "cpu",
            ["Worker__SlotsPerDevice"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (dashboard) settings["OrleansGan__Dashboard"] = "true";
        if (trialCommand is not null)
        {
            settings["Worker__Isolation"] = "process";
            settings["OMP_NUM_THREADS"] = "1";
            for (var i = 0; i < trialCommand.Count; i++) settings[$"Worker__TrialCommand__{i}"] = trialCommand[i];
        }
        return SiloProcess.StartAsync("silo", directory, settings);
    }
}
