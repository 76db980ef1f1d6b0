using System.Security.Cryptography;

namespace OrleansGan.Orleans.Tests;

static class FileHashes
{
    /// <summary>The SHA-256 of each file directly in <paramref name="directory"/>, by name.</summary>
    public static Dictionary<string, string> Of(string directory) =>
        Directory.EnumerateFiles(directory).ToDictionary(f => Path.GetFileName(f), Sha256);

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
