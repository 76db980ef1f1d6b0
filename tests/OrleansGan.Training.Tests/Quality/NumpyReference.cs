using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGan.Testing;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>Runs reference_scores.py (numpy and scipy under Debian's /usr/bin/python3) on cases and returns its answers by name.</summary>
static class NumpyReference
{
    const string Python = "/usr/bin/python3";

    public static JsonObject Fid(string name, double[,] x, double[,] y) =>
        new() { ["name"] = name, ["kind"] = "fid", ["x"] = Rows(x), ["y"] = Rows(y) };

    public static JsonObject Kid(string name, double[,] x, double[,] y, IEnumerable<(long[] X, long[] Y)> subsets) =>
        new()
        {
            ["name"] = name, ["kind"] = "kid", ["x"] = Rows(x), ["y"] = Rows(y),
            ["subsets"] = new JsonArray(subsets.Select(s => (JsonNode)new JsonArray(Indices(s.X), Indices(s.Y))).ToArray()),
        };

    public static async Task<JsonElement> RunAsync(params JsonObject[] cases)
    {
        using var directory = new TempDirectory();
        var input = directory["cases.json"];
        await File.WriteAllTextAsync(input, new JsonArray(cases).ToJsonString());
        var script = Path.Combine(AppContext.BaseDirectory, "Quality", "reference_scores.py");
        using var python = await ChildProcess.RunAsync(Python, directory.Path, [script, input], TimeSpan.FromMinutes(3));
        Assert.True(python.ExitCode == 0,
            $"{Python} {script} exited with {python.ExitCode} (./test.sh installs python3-numpy and python3-scipy):\n{python.Error}");
        return JsonDocument.Parse(python.Out).RootElement.Clone();
    }

    static JsonArray Rows(double[,] matrix) =>
        new(Enumerable.Range(0, matrix.GetLength(0))
            .Select(i => (JsonNode)new JsonArray(Enumerable.Range(0, matrix.GetLength(1)).Select(j => (JsonNode)JsonValue.Create(matrix[i, j])).ToArray()))
            .ToArray());

    static JsonArray Indices(long[] rows) => new(rows.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
}
