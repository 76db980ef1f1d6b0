using Orleans;
using Orleans.Storage;

namespace OrleansGan.Hosting.Storage;

public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The SQLite file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Left unset, the silo's registered <see cref="IGrainStorageSerializer"/> is used.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The silo lifecycle stage at which the schema is created; storage is unusable before it.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
