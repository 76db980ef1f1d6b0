using Microsoft.Extensions.Options;

namespace OrleansGan.Hosting;

/// <summary>The checks the option validators share; each failure reads "Section:Key: reason".</summary>
internal static class OptionRules
{
    public static ValidateOptionsResult Result(IEnumerable<string?> failures) =>
        failures.OfType<string>().ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;

    public static string? Defined<TEnum>(string section, string key, TEnum value) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{section}:{key}: must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}, got {value}";

    public static string? InRange(string section, string key, int value, int min, int max) =>
        value >= min && value <= max ? null
            : max == int.MaxValue ? $"{section}:{key}: must be >= {min}, got {value}"
            : $"{section}:{key}: {value} is out of range {min}..{max}";

    public static string? NotBlank(string section, string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"{section}:{key}: must not be empty" : null;

    public static string? Positive(string section, string key, TimeSpan value) =>
        value > TimeSpan.Zero ? null : $"{section}:{key}: must be longer than zero, got {value}";
}
