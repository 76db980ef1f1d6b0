using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests;

/// <summary>Runs the real `orleansgan` executable built beside the tests.</summary>
static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "orleansgan");

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Only a bound for a hung process: an Inception pass for FID took over 5 minutes on 2 cores at load 20.</summary>
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = await ChildProcess.RunAsync(Path, workingDirectory, args, Limit, Environment(environment));
        return new Result(cli.ExitCode, cli.Out, cli.Error);
    }

    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment) =>
        new(environment) { ["COLUMNS"] = "240" };
}
