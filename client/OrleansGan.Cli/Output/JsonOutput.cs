using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansGan.Cli.Output;

internal static class JsonOutput
{
    /// <summary>
    /// The documents' serializers with the CLI's options: snake_case names and enum values, NaN as "NaN". Set here rather
    /// than on <see cref="CliJson"/>'s attributes, where the source generator refuses the one enum converter for all enums.
    /// </summary>
    public static CliJson Documents { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    });

    public static void Print<T>(T value, JsonTypeInfo<T> type) => Console.WriteLine(JsonSerializer.Serialize(value, type));
}
