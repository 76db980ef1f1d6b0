namespace OrleansGan.Runs;

/// <summary>Where a run's images come from: a CIFAR-10 binary directory, or a synthetic set made on the worker.</summary>
[GenerateSerializer, Immutable, Alias("RunData")]
public sealed record RunData(
    [property: Id(0)] string? Cifar10Directory,
    [property: Id(1)] int SyntheticImages,
    [property: Id(2)] int SyntheticSeed)
{
    public static RunData Cifar10(string directory) => new(directory, 0, 0);
    public static RunData Synthetic(int images, int seed) => new(null, images, seed);

    public override string ToString() => Cifar10Directory ?? $"synthetic({SyntheticImages} images, seed {SyntheticSeed})";
}
