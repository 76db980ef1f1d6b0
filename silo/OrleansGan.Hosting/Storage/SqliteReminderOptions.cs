namespace OrleansGan.Hosting.Storage;

public sealed class SqliteReminderOptions
{
    /// <summary>The SQLite file; may be the one grain storage uses.</summary>
    public string DatabasePath { get; set; } = "";
}
