namespace OrleansGan.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider every OrleansGan grain persists to.</summary>
    public const string Default = "orleansgan";
}
