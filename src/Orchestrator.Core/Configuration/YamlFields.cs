using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>A located string value read from YAML.</summary>
internal readonly record struct Located(string Value, Mark At);

/// <summary>
/// Typed, error-reporting access to one YAML mapping. Unknown fields are reported on construction;
/// every getter reports wrong shapes and bad values at the value's line and returns null on failure.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Located> _misspelt = new(StringComparer.Ordinal);

    /// <param name="declaredAt">Where the mapping's own key is written (e.g. <c>router:</c>); missing-field errors point there,
    /// because a block mapping itself starts at its first child, which is not where a reader looks.</param>
    public YamlFields(YamlMappingNode map, string file, string? section, IReadOnlyList<string> allowed, ConfigDiagnostics diagnostics, Mark? declaredAt = null)
    {
        File = file;
        Section = section;
        Diagnostics = diagnostics;
        Start = declaredAt ?? map.Start;
        var unknown = new List<YamlScalarNode>();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalarKey)
            {
                diagnostics.Error(file, key.Start, $"field names must be plain text, found {YamlShape.Describe(key)}{In}");
            }
            else if (allowed.Contains(name))
            {
                _fields[name] = (scalarKey, value);
            }
            else
            {
                unknown.Add(scalarKey);
            }
        }

        // A misspelling is more likely of a field not written yet: "modle" beside "mode" meant "model".
        var unwritten = allowed.Where(a => !_fields.ContainsKey(a)).ToList();
        foreach (var key in unknown)
        {
            var name = key.Value!;
            var meant = Suggestions.Closest(name, unwritten) ?? Suggestions.Closest(name, allowed);
            var hint = meant is null ? "" : $" (did you mean '{meant}'?)";
            diagnostics.Error(file, key.Start, $"unknown field '{name}'{In}; expected one of: {string.Join(", ", allowed)}{hint}");
            if (meant is not null && !_fields.ContainsKey(meant))
            {
                _misspelt.TryAdd(meant, new Located(name, key.Start));
            }
        }
    }

    /// <summary>
    /// Allowed fields that are absent while an unknown field is a likely misspelling of them (<c>colections</c> → <c>collections</c>),
    /// keyed by the meant name. Checks that depend on such a field treat it as unknown, not as empty, so its misspelling stays the one error.
    /// </summary>
    public IReadOnlyDictionary<string, Located> Misspelt => _misspelt;

    public string File { get; }

    public string? Section { get; }

    public ConfigDiagnostics Diagnostics { get; }

    public Mark Start { get; }

    public IEnumerable<string> Names => _fields.Keys;

    private string In => Section is null ? "" : $" in {Section}";

    /// <summary>Where the value of a field starts, or the mapping start when absent.</summary>
    public Mark At(string field) => _fields.TryGetValue(field, out var f) ? f.Value.Start : Start;

    public Mark KeyAt(string field) => _fields.TryGetValue(field, out var f) ? f.Key.Start : Start;

    public bool Has(string field) => Value(field) is not null;

    public void Error(Mark at, string message) => Diagnostics.Error(File, at, message);

    public void Missing(string field, string expected)
    {
        // A misspelling of the field was already reported with its did-you-mean: "missing" as well would be the same mistake twice.
        if (!_misspelt.ContainsKey(field))
        {
            Error(Start, $"missing required field '{field}'{In}; expected {expected}");
        }
    }

    public Located? Text(string field, bool required = false, string expected = "a text value")
    {
        var node = Value(field);
        if (node is null)
        {
            if (required)
            {
                Missing(field, expected);
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            Error(node.Start, $"'{field}' must be {expected}, found {YamlShape.Describe(node)}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Error(node.Start, $"'{field}' is blank; expected {expected}");
            return null;
        }

        return new Located(text, node.Start);
    }

    public Located? Choice(string field, IReadOnlyList<string> choices, bool required = false)
    {
        var expected = "one of: " + string.Join(", ", choices);
        var value = Text(field, required, expected);
        if (value is { } v && !choices.Contains(v.Value))
        {
            Error(v.At, $"invalid {field} '{v.Value}'; expected {expected}{Suggestions.DidYouMean(v.Value, choices)}");
            return null;
        }

        return value;
    }

    /// <summary>A list of text values; null when absent or not a list.</summary>
    public IReadOnlyList<Located>? TextList(string field, bool required = false, string expected = "a list of text values")
    {
        var node = Value(field);
        if (node is null)
        {
            if (required)
            {
                Missing(field, expected);
            }

            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            Error(node.Start, $"'{field}' must be {expected} (e.g. [a, b] or one '- item' per line), found {YamlShape.Describe(node)}");
            return null;
        }

        var items = new List<Located>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { } text } && !YamlShape.IsNull(item))
            {
                items.Add(new Located(text, item.Start));
            }
            else
            {
                Error(item.Start, $"'{field}' items must be text values, found {YamlShape.Describe(item)}");
            }
        }

        return items;
    }

    public YamlFields? Map(string field, IReadOnlyList<string> allowed, bool required = false, string? section = null)
    {
        var node = Value(field);
        if (node is null)
        {
            if (required)
            {
                Missing(field, "a mapping with fields: " + string.Join(", ", allowed));
            }

            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node.Start, $"'{field}' must be a mapping (field: value) with fields: {string.Join(", ", allowed)}; found {YamlShape.Describe(node)}");
            return null;
        }

        return new YamlFields(map, File, section ?? Qualify(field), allowed, Diagnostics, _fields[field].Key.Start);
    }

    /// <summary>A mapping whose keys are user-chosen names (models, collections), each holding a value node.</summary>
    public IReadOnlyList<(Located Name, YamlNode Value)>? NamedEntries(string field, string expected)
    {
        var node = Value(field);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node.Start, $"'{field}' must be a mapping of names to {expected}, found {YamlShape.Describe(node)}");
            return null;
        }

        var entries = new List<(Located, YamlNode)>();
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name })
            {
                entries.Add((new Located(name, key.Start), value));
            }
            else
            {
                Error(key.Start, $"names under '{field}' must be plain text, found {YamlShape.Describe(key)}");
            }
        }

        return entries;
    }

    private string Qualify(string field) => Section is null ? field : $"{Section}.{field}";

    /// <summary>Whether the field is written but holds nothing (<c>field:</c>, <c>~</c>, <c>{}</c>, <c>[]</c>).</summary>
    public bool IsWrittenEmpty(string field) =>
        _fields.TryGetValue(field, out var f) && (YamlShape.IsNull(f.Value) || f.Value is YamlMappingNode { Children.Count: 0 } || f.Value is YamlSequenceNode { Children.Count: 0 });

    /// <summary>How many entries a mapping field holds (0 when absent or not a mapping), to refuse huge ones before reading them.</summary>
    public int MappingCount(string field) => Value(field) is YamlMappingNode map ? map.Children.Count : 0;

    /// <summary>The value node, or null when the field is absent or written empty (<c>field:</c>, <c>~</c>).</summary>
    private YamlNode? Value(string field) =>
        _fields.TryGetValue(field, out var f) && !YamlShape.IsNull(f.Value) ? f.Value : null;
}
