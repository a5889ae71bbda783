using System.Text.Json;

namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// Whether the request supplies what the tool is about and what it needs. A same-topic near miss
/// ("area of a triangle, base 10, height 5" offered a body-mass-index tool) looks close by topic
/// and even fills numeric parameters from stray numbers; what gives it away is that the tool's
/// object ("body mass index") and its required inputs ("weight") are never mentioned.
/// </summary>
internal static class Grounding
{
    // Verbs and filler that say what a tool does generically, not what it is about:
    // "calculate_bmi" is about "bmi", "get_current_weather" about "weather".
    private static readonly HashSet<string> GenericNameWords = new(StringComparer.Ordinal)
    {
        "get", "set", "calculate", "calc", "compute", "find", "determine", "fetch", "retrieve", "search", "lookup", "look",
        "list", "create", "make", "update", "add", "remove", "delete", "check", "query", "request", "run", "execute", "do",
        "perform", "generate", "estimate", "predict", "analyze", "analyse", "evaluate", "convert", "process", "handle",
        "info", "information", "details", "detail", "data", "api", "tool", "function", "service", "by", "for", "of", "the",
        "a", "an", "to", "from", "and", "in", "on", "with", "current", "new", "all", "v1", "v2", "v3",
    };

    /// <summary>The words of the tool name that name its object: "determine_body_mass_index" → "body mass index".</summary>
    public static string ObjectPhrase(ToolDescriptor tool)
    {
        var words = ToolSelector.Humanize(tool.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => !GenericNameWords.Contains(w)).ToArray();
        return string.Join(' ', kept.Length > 0 ? kept : words);
    }

    /// <summary>
    /// Share of required parameters the request grounds: the parameter's name, description or enum
    /// values share a content word with the request, or (for a non-numeric parameter) the
    /// extractors found a value for it. A number alone grounds nothing: any number fills "weight".
    /// 0 when nothing is required.
    /// </summary>
    public static double Parameters(IReadOnlySet<string> requestStems, ToolDescriptor tool, ExtractedArguments extracted)
    {
        var slots = ParameterSlot.Read(tool).Where(s => s.Required).ToList();
        if (slots.Count == 0)
        {
            return 0;
        }

        var grounded = slots.Count(slot =>
            LexicalOverlap.Stems(ParameterText(slot)).Any(requestStems.Contains)
            || (slot.Kind is not (SlotKind.Number or SlotKind.NumberList) && extracted.Arguments.ContainsKey(slot.Name)));
        return (double)grounded / slots.Count;
    }

    private const int WindowWords = 3;
    private const int MaxWindows = 48;

    /// <summary>
    /// Overlapping three-word phrases of the request, for embedding one by one: a parameter or an
    /// object is grounded by a phrase ("weighs 70 kg"), which a whole-request vector blurs. Long
    /// requests are sampled with a wider stride so the cost stays bounded.
    /// </summary>
    public static IReadOnlyList<string> Windows(string request)
    {
        var words = (request ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= WindowWords)
        {
            return words.Length == 0 ? [] : [string.Join(' ', words)];
        }

        var starts = words.Length - WindowWords + 1;
        var stride = Math.Max(1, (starts + MaxWindows - 1) / MaxWindows);
        return Enumerable.Range(0, starts).Where(i => i % stride == 0).Select(i => string.Join(' ', words, i, WindowWords)).ToList();
    }

    /// <summary>The parameter as a phrase to embed: "weight: Weight of the individual in kilograms."</summary>
    public static IReadOnlyList<string> RequiredParameterPhrases(ToolDescriptor tool) =>
        ParameterSlot.Read(tool).Where(s => s.Required).Select(s => ParameterText(s)).ToList();

    private static string ParameterText(ParameterSlot slot)
    {
        var parts = new List<string> { ToolSelector.Humanize(slot.Name) + ":" };
        if (slot.Schema.ValueKind == JsonValueKind.Object)
        {
            if (slot.Schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
            {
                parts.Add(d.GetString()!);
            }

            if (slot.Schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            }
        }

        return string.Join(' ', parts);
    }
}
