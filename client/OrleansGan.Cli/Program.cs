using System.CommandLine;
using OrleansGan.Cli.Commands;

var root = new RootCommand("OrleansGan: DCGAN hyperparameter sweeps on Orleans.") { DataCommands.Build() };
var parsed = root.Parse(args);
foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
return parsed.Errors.Count > 0 ? 2 : await parsed.InvokeAsync();
