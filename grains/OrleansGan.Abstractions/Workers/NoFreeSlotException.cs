namespace OrleansGan.Workers;

[GenerateSerializer, Alias("NoFreeSlotException")]
public sealed class NoFreeSlotException(string message) : Exception(message);
