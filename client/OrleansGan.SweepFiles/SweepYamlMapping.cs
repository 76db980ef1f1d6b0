namespace OrleansGan.SweepFiles;

/// <summary>The entries of a sweep-file mapping whose keys have been checked against the known ones.</summary>
internal sealed class SweepYamlMapping(SweepYamlNode owner, IReadOnlyList<SweepYamlNode> entries)
{
    public IReadOnlyList<SweepYamlNode> Entries => entries;

    public SweepYamlNode? Optional(string key) => entries.FirstOrDefault(e => e.Key == key);

    public SweepYamlNode Required(string key) => Optional(key) ?? throw owner.ErrorAbout(key, "is required");

    /// <summary>An error about a key: on its line when it is present, on the mapping's when it is not.</summary>
    public SweepFileException Error(string key, string reason) => Optional(key)?.Error(reason) ?? owner.ErrorAbout(key, reason);
}
