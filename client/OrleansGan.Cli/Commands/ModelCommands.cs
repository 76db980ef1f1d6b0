using System.CommandLine;
using System.Text.Json;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Model;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class ModelCommands
{
    public static Command Build()
    {
        var summary = new Command("summary", "Print the generator's and discriminator's layers, output shapes and parameter counts");
        summary.SetGuardedAction((parse, _) =>
        {
            var model = ModelSummary.Of(new RunConfig());
            if (parse.GetValue(GlobalOptions.Json)) PrintJson(model);
            else
            {
                PrintTable("Generator", model.Generator, model.GeneratorParameters);
                PrintTable("Discriminator", model.Discriminator, model.DiscriminatorParameters);
            }
            return Task.FromResult(ExitCodes.Done);
        });
        var model = new Command("model", "The seed DCGAN");
        model.Subcommands.Add(summary);
        return model;
    }

    static void PrintTable(string title, IReadOnlyList<LayerSummary> layers, long total)
    {
        var table = new Table().Title(title).AddColumn("layer").AddColumn("output shape").AddColumn(new TableColumn("parameters").RightAligned());
        foreach (var layer in layers) table.AddRow(layer.Layer, layer.ShapeText, layer.Parameters.ToString("N0"));
        table.AddRow("[bold]total[/]", "", $"[bold]{total:N0}[/]");
        AnsiConsole.Write(table);
    }

    static void PrintJson(ModelSummary model)
    {
        object Network(IReadOnlyList<LayerSummary> layers, long total) => new
        {
            parameters = total,
            layers = layers.Select(l => new { layer = l.Layer, output_shape = l.OutputShape, parameters = l.Parameters }),
        };
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            generator = Network(model.Generator, model.GeneratorParameters),
            discriminator = Network(model.Discriminator, model.DiscriminatorParameters),
        }, new JsonSerializerOptions { WriteIndented = true }));
    }
}
