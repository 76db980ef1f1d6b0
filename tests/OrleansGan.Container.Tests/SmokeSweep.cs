using YamlDotNet.RepresentationModel;

namespace OrleansGan.Container.Tests;

/// <summary>examples/quickstart.yaml made small: one variant (each parameter's first value), a few steps, two summaries.</summary>
static class SmokeSweep
{
    public const int Epochs = 2;
    public const int StepsPerEpoch = 3;

    public static void WriteTo(string file)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Repository.PathOf("examples/quickstart.yaml"))) yaml.Load(reader);
        var sweep = (YamlMappingNode)yaml.Documents[0].RootNode;
        var train = Mapping(sweep, "train");
        train.Children["epochs"] = Epochs.ToString();
        train.Children["steps_per_epoch"] = StepsPerEpoch.ToString();
        train.Children["batch_size"] = "8";
        train.Children["eval_samples"] = "16";
        train.Children["summary_every_epochs"] = "1";
        Mapping(Mapping(sweep, "data"), "synthetic").Children["images"] = "256";
        foreach (var parameter in Mapping(Mapping(sweep, "search"), "parameters").Children.Values.Cast<YamlSequenceNode>())
            while (parameter.Children.Count > 1) parameter.Children.RemoveAt(1);
        using var writer = File.CreateText(file);
        yaml.Save(writer, assignAnchors: false);
    }

    static YamlMappingNode Mapping(YamlMappingNode parent, string key) => (YamlMappingNode)parent.Children[key];
}
