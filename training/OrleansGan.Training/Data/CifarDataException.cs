namespace OrleansGan.Training.Data;
// Placeholder until the data branch lands.
public sealed class CifarDataException(string path, string reason) : Exception($"{path}: {reason}");
