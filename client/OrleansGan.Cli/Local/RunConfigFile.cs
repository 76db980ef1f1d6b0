using OrleansGan.Training.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansGan.Cli.Local;

/// <summary>A YAML file of run-configuration keys (as under a sweep's train:), read over the seed's defaults.</summary>
public static class RunConfigFile
{
    public static RunConfig Load(string path, RunConfig defaults)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UsageException($"{path}:{e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return defaults;
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            throw new UsageException($"{path}:{stream.Documents[0].RootNode.Start.Line}: expected a mapping of run-configuration keys");

        var config = defaults;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (valueNode is not YamlScalarNode scalar)
                throw new UsageException($"{path}:{valueNode.Start.Line}: {key}: must be a number");
            try
            {
                config = RunConfigKeys.Apply(config, key, scalar.Value ?? "");
            }
            catch (RunConfigException e)
            {
                throw new UsageException($"{path}:{keyNode.Start.Line}: {e.Message}");
            }
        }
        return config;
    }
}
