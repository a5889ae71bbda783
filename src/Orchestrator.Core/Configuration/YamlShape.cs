using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>Small facts about YAML nodes that error messages and readers share.</summary>
internal static class YamlShape
{
    /// <summary>YAML's spellings of null; an empty value (<c>key:</c>) is one of them.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "an empty value",
        _ => "a single value",
    };
}
