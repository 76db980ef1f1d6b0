namespace OrleansGan.Sweeps;

/// <summary>The images every run of a sweep trains on.</summary>
[GenerateSerializer, Immutable]
public sealed record DataSource
{
    public const int MinSyntheticImages = 5;

    DataSource() { }

    [Id(0)] public DataSourceKind Kind { get; private init; }

    /// <summary>The absolute directory holding data_batch_1.bin .. test_batch.bin; set for <see cref="DataSourceKind.Cifar10"/>.</summary>
    [Id(1)] public string? Cifar10Directory { get; private init; }

    [Id(2)] public int SyntheticImages { get; private init; }

    /// <summary>0 when the sweep file leaves it out.</summary>
    [Id(3)] public int SyntheticSeed { get; private init; }

    public static DataSource Cifar10(string directory) =>
        new() { Kind = DataSourceKind.Cifar10, Cifar10Directory = directory };

    public static DataSource Synthetic(int images, int seed) =>
        new() { Kind = DataSourceKind.Synthetic, SyntheticImages = images, SyntheticSeed = seed };
}
