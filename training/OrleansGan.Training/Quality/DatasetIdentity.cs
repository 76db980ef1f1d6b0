using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using OrleansGan.Training.Data;

namespace OrleansGan.Training.Quality;

/// <summary>A data set named by its content: the SHA-256 of its image bytes, so that a changed or different set never matches.</summary>
public static class DatasetIdentity
{
    // Workers share one CifarDataset among their runs: hash its 150 MB once.
    static readonly ConditionalWeakTable<CifarDataset, string> Known = new();

    public static string Of(CifarDataset dataset) =>
        Known.GetValue(dataset, d => $"images-{d.Count}-sha256-{Convert.ToHexStringLower(SHA256.HashData(d.Images))}");
}
