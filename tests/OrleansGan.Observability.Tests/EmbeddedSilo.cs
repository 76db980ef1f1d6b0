using OrleansGan.Testing;

namespace OrleansGan.Observability.Tests;

/// <summary>The silo these tests watch: embedded SQLite state under its own data directory, a CPU worker with two slots.</summary>
static class EmbeddedSilo
{
    public static Task<SiloProcess> StartAsync(string directory, bool dashboard = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["OrleansGan__DataDirectory"] = Path.Combine(directory, "data"),
            ["Worker__Accelerator"] = "cpu",
            ["Worker__SlotsPerDevice"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (dashboard) settings["OrleansGan__Dashboard"] = "true";
        return SiloProcess.StartAsync("silo", directory, settings);
    }
}
