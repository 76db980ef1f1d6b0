using Microsoft.Extensions.Configuration;
using OrleansGan.Hosting;
using OrleansGan.Hosting.Workers;

namespace OrleansGan.Deployment.Tests;

/// <summary>
/// A silo container's settings as the silo resolves them: silo/OrleansGan.Silo/appsettings.json, overridden by the
/// container's environment (`__` for `:`), else the contract's defaults.
/// </summary>
public sealed class SiloSettings
{
    public const string Role = "OrleansGan__Role";
    public const string Redis = "OrleansGan__Redis";
    public const string DataDirectory = "OrleansGan__DataDirectory";
    public const string ClusterId = "OrleansGan__ClusterId";
    public const string ServiceId = "OrleansGan__ServiceId";
    public const string Accelerator = "Worker__Accelerator";
    public const string Devices = "Worker__Devices";
    public const string SlotsPerDevice = "Worker__SlotsPerDevice";
    public const string StopGracePeriod = "Worker__StopGracePeriod";

    /// <summary>Every OrleansGan__* and Worker__* variable the silo reads: the settable properties of its two option classes.</summary>
    public static readonly IReadOnlySet<string> ContractKeys =
        Keys(OrleansGanOptions.Section, typeof(OrleansGanOptions)).Concat(Keys(WorkerOptions.Section, typeof(WorkerOptions))).ToHashSet(StringComparer.Ordinal);

    public static readonly string[] Roles = ["control", "worker", "both"];
    public static readonly string[] Accelerators = ["cpu", "cuda"];
    public static readonly string[] SiloPrefixes = ["OrleansGan__", "Worker__"];

    readonly IConfiguration _configuration;

    public SiloSettings(IReadOnlyDictionary<string, string?> environment)
    {
        _configuration = new ConfigurationBuilder()
            .AddJsonFile(Repository.PathOf("silo/OrleansGan.Silo/appsettings.json"), optional: false)
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), e.Value)))
            .Build();
    }

    public int SiloPort => _configuration.GetValue("OrleansGan:SiloPort", 11111);
    public int GatewayPort => _configuration.GetValue("OrleansGan:GatewayPort", 30000);

    /// <summary>The port of the first of Urls (appsettings.json sets http://0.0.0.0:8080).</summary>
    public int HttpPort => new Uri(Required("Urls").Split(';')[0].Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0")).Port;

    public string RoleName => _configuration.GetValue("OrleansGan:Role", "both")!;
    public bool Trains => RoleName is "worker" or "both";
    public string AcceleratorName => _configuration.GetValue("Worker:Accelerator", "cpu")!;
    public int DeviceCount => _configuration.GetValue("Worker:Devices", 1);
    public int Slots => _configuration.GetValue("Worker:SlotsPerDevice", AcceleratorName == "cuda" ? 4 : 1);
    public TimeSpan StopGrace => _configuration.GetValue("Worker:StopGracePeriod", TimeSpan.FromMinutes(1));

    public string Required(string key) =>
        _configuration[key.Replace("__", ":")] is { Length: > 0 } value ? value : throw new Xunit.Sdk.XunitException($"{key} is not set");

    static IEnumerable<string> Keys(string section, Type options) =>
        options.GetProperties().Where(p => p.CanWrite).Select(p => $"{section}__{p.Name}");
}
