using System.Globalization;

namespace OrleansGan.Workers;

/// <summary>
/// What a worker silo offers, advertised as Orleans silo metadata: Devices devices of one kind, each running up to
/// SlotsPerDevice trials at once (a CPU worker has one device).
/// </summary>
[GenerateSerializer, Immutable, Alias("WorkerCapacity")]
public sealed record WorkerCapacity(
    [property: Id(0)] DeviceKind Kind,
    [property: Id(1)] int Devices,
    [property: Id(2)] int SlotsPerDevice)
{
    public const string RoleKey = "orleansgan.role";
    const string KindKey = "orleansgan.accelerator";
    const string DevicesKey = "orleansgan.devices";
    const string SlotsKey = "orleansgan.slots-per-device";

    public int TotalSlots => Devices * SlotsPerDevice;

    public Dictionary<string, string> ToMetadata() => new()
    {
        [KindKey] = Kind.ToString().ToLowerInvariant(),
        [DevicesKey] = Devices.ToString(CultureInfo.InvariantCulture),
        [SlotsKey] = SlotsPerDevice.ToString(CultureInfo.InvariantCulture),
    };

    /// <returns>null for a silo that advertises no worker capacity.</returns>
    public static WorkerCapacity? FromMetadata(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(KindKey, out var kind) && Enum.TryParse<DeviceKind>(kind, ignoreCase: true, out var deviceKind)
        && metadata.TryGetValue(DevicesKey, out var devices) && int.TryParse(devices, CultureInfo.InvariantCulture, out var deviceCount)
        && metadata.TryGetValue(SlotsKey, out var slots) && int.TryParse(slots, CultureInfo.InvariantCulture, out var slotCount)
            ? new WorkerCapacity(deviceKind, deviceCount, slotCount)
            : null;
}
