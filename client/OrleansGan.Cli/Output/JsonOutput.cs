using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGan.Cli.Output;

internal static class JsonOutput
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Print<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Options));
}
