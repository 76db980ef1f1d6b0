using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests;

/// <summary>Runs the real `orleansgan` executable built beside the tests.</summary>
static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for this run, beside the test's own.</param>
    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = await ChildProcess.RunAsync(Path.Combine(AppContext.BaseDirectory, "orleansgan"), workingDirectory, args,
            TimeSpan.FromMinutes(5), new Dictionary<string, string>(environment) { ["COLUMNS"] = "240" });
        return new Result(cli.ExitCode, cli.Out, cli.Error);
    }
}
