namespace OrleansGan.Training.Devices;

/// <summary>A device or libtorch problem, said in one line.</summary>
public sealed class TorchDeviceException(string message) : Exception(message);
