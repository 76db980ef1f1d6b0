using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace OrleansGan.Hosting.Storage;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>Registers SQLite grain storage as the provider used by states that name no storage.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Registers SQLite grain storage under <paramref name="name"/>. Rows are keyed by state name and grain id,
    /// so providers sharing one file must not give two states the same name.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        var services = builder.Services;
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        // Fills GrainStorageSerializer from the silo's IGrainStorageSerializer when the caller left it unset.
        services.TryAddEnumerable(ServiceDescriptor.Transient<
            IPostConfigureOptions<SqliteGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        services.TryAddSingleton<SqliteDatabases>();
        services.AddGrainStorage(name, static (provider, providerName) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            provider,
            providerName,
            provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName)));
        return builder;
    }

    /// <summary>Enables reminders and keeps them in a SQLite file, so durable reminders survive a silo restart.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderOptions> configure)
    {
        builder.AddReminders();
        builder.Services.Configure(configure);
        builder.Services.TryAddSingleton<SqliteDatabases>();
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }
}
