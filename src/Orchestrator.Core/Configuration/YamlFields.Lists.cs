using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>Lists of mappings, e.g. <c>server.api_keys</c>.</summary>
internal sealed partial class YamlFields
{
    /// <summary>Each item of a list of mappings as its own <see cref="YamlFields"/>; null when absent or not a list.</summary>
    public IReadOnlyList<YamlFields>? MapList(string field, IReadOnlyList<string> allowed, string expected)
    {
        var node = Value(field);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            Error(node.Start, $"'{field}' must be {expected}, found {YamlShape.Describe(node)}");
            return null;
        }

        var items = new List<YamlFields>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is YamlMappingNode map)
            {
                items.Add(new YamlFields(map, File, $"{Qualify(field)}[{i}]", allowed, Diagnostics, map.Start));
            }
            else
            {
                Error(list.Children[i].Start, $"'{field}' items must be mappings with fields: {string.Join(", ", allowed)}; found {YamlShape.Describe(list.Children[i])}");
            }
        }

        return items;
    }
}
