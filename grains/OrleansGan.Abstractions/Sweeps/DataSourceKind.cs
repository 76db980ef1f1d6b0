namespace OrleansGan.Sweeps;

public enum DataSourceKind
{
    /// <summary>CIFAR-10's binary version, read from a directory.</summary>
    Cifar10,

    /// <summary>Images generated from a seed, for trying a sweep without the data set.</summary>
    Synthetic,
}
