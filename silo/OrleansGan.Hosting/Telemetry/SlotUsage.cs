namespace OrleansGan.Hosting.Telemetry;

/// <summary>How many of a worker's slots of one device kind (cpu or cuda) are training and how many are open.</summary>
internal readonly record struct SlotUsage(string DeviceKind, int Busy, int Free);
