using System.Text.Json;

namespace Orchestrator.Tools.Deterministic;

/// <summary>Asks for the required arguments the request did not contain, using the schema's own descriptions.</summary>
public static class FollowUpQuestion
{
    public static string For(ToolDescriptor tool, IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var wanted = missing.Select(name => Describe(tool, name)).ToList();
        var list = wanted.Count == 1 ? wanted[0] : string.Join(", ", wanted.Take(wanted.Count - 1)) + " and " + wanted[^1];
        return $"I can {ToolActionPhrase.For(tool)} for you, but I need {list}. Could you tell me?";
    }

    private static string Describe(ToolDescriptor tool, string name)
    {
        var human = ToolActionPhrase.Label(name);
        if (tool.ParametersSchema.TryGetProperty("properties", out var properties)
            && properties.TryGetProperty(name, out var property)
            && property.TryGetProperty("description", out var description)
            && description.ValueKind == JsonValueKind.String
            && description.GetString() is { Length: > 0 } text)
        {
            // Lower-case "Employee id ..." but keep acronyms such as "ISO code ...".
            var lead = text.Length > 1 && char.IsUpper(text[1]) ? text[0] : char.ToLowerInvariant(text[0]);
            return $"the {human} ({lead}{text[1..].TrimEnd('.')})";
        }

        return $"the {human}";
    }
}
