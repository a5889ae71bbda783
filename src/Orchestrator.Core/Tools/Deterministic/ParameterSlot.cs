using System.Text.Json;

namespace Orchestrator.Tools.Deterministic;

internal enum SlotKind
{
    Email,
    Identifier,
    Date,
    Expression,
    Enum,
    QuotedString,
    Number,
    NumberList,
    Boolean,
    FreeText,
}

/// <summary>One schema parameter and how its value is looked for in text.</summary>
internal sealed record ParameterSlot(string Name, SlotKind Kind, JsonElement Schema, string Type, bool Required)
{
    private static readonly string[] FreeTextNames = ["summary", "description", "text", "query", "message", "content", "title", "issue", "problem", "prompt", "question"];
    private static readonly string[] ExpressionNames = ["expression", "formula", "equation"];

    public static IReadOnlyList<ParameterSlot> Read(ToolDescriptor tool)
    {
        if (!tool.ParametersSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        // Required parameters first: with positional evidence ("4 and 5") they have the first claim.
        var required = ToolSchemaValidator.RequiredNames(tool.ParametersSchema).ToHashSet(StringComparer.Ordinal);
        return properties.EnumerateObject().Select(p => Classify(p.Name, p.Value, required.Contains(p.Name))).OrderBy(s => s.Required ? 0 : 1).ToList();
    }

    private static ParameterSlot Classify(string name, JsonElement schema, bool required)
    {
        var type = ToolSchemaValidator.TypeNames(schema).FirstOrDefault(t => t != "null") ?? "string";
        var lower = name.ToLowerInvariant();
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var kind = type switch
        {
            _ when schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array => SlotKind.Enum,
            "integer" or "number" or "float" => SlotKind.Number,
            "boolean" => SlotKind.Boolean,
            "string" when format == "email" || lower.Contains("email", StringComparison.Ordinal) => SlotKind.Email,
            "string" when format is "date" or "date-time" || lower.Contains("date", StringComparison.Ordinal) => SlotKind.Date,
            "string" when lower == "id" || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith("id", StringComparison.Ordinal) && lower.Length > 2 && char.IsUpper(name[^2]) => SlotKind.Identifier,
            "string" when ExpressionNames.Contains(lower) => SlotKind.Expression,
            "string" when FreeTextNames.Contains(lower) => SlotKind.FreeText,
            "string" => SlotKind.QuotedString,
            "array" when schema.TryGetProperty("items", out var items) && ToolSchemaValidator.TypeNames(items).Any(t => t is "number" or "integer" or "float") => SlotKind.NumberList,
            _ => SlotKind.Boolean, // arrays and objects: no reliable text pattern, so never filled (reported missing when required)
        };
        return new ParameterSlot(name, kind, schema, type, required);
    }
}
