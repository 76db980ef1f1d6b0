namespace OrleansGan.Observability.Tests;

/// <summary>The test classes that read the one <see cref="ObservedSweep"/>: it runs once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class ObservedSweepCollection : ICollectionFixture<ObservedSweep>
{
    public const string Name = "observed sweep";
}
