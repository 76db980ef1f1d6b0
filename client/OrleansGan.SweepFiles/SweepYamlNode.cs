using System.Globalization;
using OrleansGan.Training.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;


namespace OrleansGan.SweepFiles;

/// <summary>
/// A node of a sweep file with its key path and line, so that every error it raises says where.
/// An empty value (nothing, ~ or null) reads as an empty mapping or list.
/// </summary>
internal sealed class SweepYamlNode(string file, string path, int line, YamlNode node)
{
    // Stands for the key path in errors about the document as a whole.
    const string DocumentPath = "yaml";

    /// <summary>Dotted, like search.parameters.lr_g; empty for the document.</summary>
    public string Path { get; } = path;

    /// <summary>The key's line for a mapping entry, the item's own for a list item.</summary>
    public int Line { get; } = line;

    public string Key => Path[(Path.LastIndexOf('.') + 1)..];

    public bool IsNull => node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    public bool IsList => node is YamlSequenceNode;

    public bool IsMapping => node is YamlMappingNode;

    public static SweepYamlNode LoadDocument(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SweepFileException(file, (int)e.Start.Line, DocumentPath, e.Message.TrimEnd('.'));
        }
        if (stream.Documents.Count == 0)
            throw new SweepFileException(file, 1, DocumentPath, "the file is empty; a sweep needs at least 'name' and 'data'");
        if (stream.Documents.Count > 1)
            throw new SweepFileException(file, (int)stream.Documents[1].RootNode.Start.Line, DocumentPath,
                "a second YAML document; a sweep file holds one");
        var root = stream.Documents[0].RootNode;
        return new SweepYamlNode(file, "", (int)root.Start.Line, root);
    }

    public SweepFileException Error(string reason) => new(file, Line, KeyPath, reason);

    /// <summary>An error about a key of this mapping, on this node's line: for a key that is missing.</summary>
    public SweepFileException ErrorAbout(string key, string reason) => new(file, Line, ChildPath(key), reason);

    public SweepYamlMapping Mapping(IEnumerable<string> knownKeys)
    {
        if (IsNull) return new SweepYamlMapping(this, []);
        if (node is not YamlMappingNode mapping) throw Error($"must be a mapping, got {Described()}");
        var known = knownKeys.ToList();
        var entries = new List<SweepYamlNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var keyLine = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new SweepFileException(file, keyLine, KeyPath, "keys must be plain names");
            var entry = new SweepYamlNode(file, ChildPath(key), keyLine, value);
            if (!known.Contains(key))
            {
                var suggestion = DidYouMean.Suggest(key, known);
                throw entry.Error(suggestion.Length > 0
                    ? $"unknown key{suggestion}"
                    : $"unknown key; expected one of {string.Join(", ", known)}");
            }
            entries.Add(entry);
        }
        return new SweepYamlMapping(this, entries);
    }

    public IReadOnlyList<SweepYamlNode> Items()
    {
        if (IsNull) return [];
        if (node is not YamlSequenceNode list) throw Error($"must be a list, got {Described()}");
        return [.. list.Children.Select(item => new SweepYamlNode(file, Path, (int)item.Start.Line, item))];
    }

    public string Text()
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } text } || IsNull) throw Error($"must be text, got {Described()}");
        return text;
    }

    public double Number()
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text } && !IsNull
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
            return number;
        throw Error($"must be a number, got {Described()}");
    }

    public int WholeNumber(int min, int max = int.MaxValue)
    {
        var number = Number();
        if (number != Math.Floor(number)) throw Error($"must be a whole number, got {number}");
        if (number < min) throw Error($"must be >= {min}, got {number}");
        if (number > max) throw Error($"must be <= {max}, got {number}");
        return (int)number;
    }

    public string Described() => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode when IsNull => "nothing",
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => $"'{scalar.Value}'",
        YamlScalarNode scalar => $"the quoted text '{scalar.Value}'",
        _ => $"a YAML {node.NodeType}",
    };

    string KeyPath => Path.Length == 0 ? DocumentPath : Path;

    string ChildPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
