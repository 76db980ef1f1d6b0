using System.CommandLine;

namespace OrleansGan.Cli.Commands;

// Placeholder until the data branch lands.
internal static class DataCommands
{
    public static Command Build() => new("data", "CIFAR-10 data");
}
