using System.Text.Json.Serialization;

namespace OrleansGan.Container.Tests;

/// <summary>What an image says about how to start it (the OCI image config, as `podman image inspect` shows it).</summary>
sealed record ImageConfig(
    [property: JsonPropertyName("User")] string? User,
    [property: JsonPropertyName("Env")] string[]? Env,
    [property: JsonPropertyName("Entrypoint")] string[]? Entrypoint,
    [property: JsonPropertyName("Cmd")] string[]? Cmd,
    [property: JsonPropertyName("WorkingDir")] string? WorkingDir)
{
    public IEnumerable<KeyValuePair<string, string>> Environment =>
        (Env ?? []).Select(e => e.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : ""));
}
