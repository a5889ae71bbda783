using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Tools.Deterministic;

/// <summary>Arguments found in a request, and the required ones that were not.</summary>
public sealed record ExtractedArguments(JsonObject Arguments, IReadOnlyList<string> MissingRequired);

/// <summary>
/// Fills a tool's arguments from the request text by reading the parameter schema: e-mails, ids,
/// dates, arithmetic expressions, enum values (and synonyms), quoted strings and numbers are each
/// found by pattern and the text they used is consumed, so one span never fills two parameters.
/// A free-text parameter (summary, description, query, ...) gets what is left. Nothing is guessed:
/// a required parameter with no evidence in the text is reported missing.
/// </summary>
public static class ArgumentExtractor
{
    public static ExtractedArguments Extract(string request, ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var text = new ConsumableText(request ?? "");
        var parameters = ParameterSlot.Read(tool);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

        // Most specific patterns first, so a number inside an e-mail, id or date is not read as a number.
        foreach (var kind in ExtractionOrder)
        {
            foreach (var slot in parameters.Where(p => p.Kind == kind && !values.ContainsKey(p.Name)))
            {
                if (ValueFinders.Find(slot, text, tool) is { } value)
                {
                    values[slot.Name] = value;
                }
            }
        }

        var arguments = new JsonObject();
        foreach (var slot in ParameterSlot.Read(tool).OrderBy(p => Order(tool, p.Name)))
        {
            if (values.TryGetValue(slot.Name, out var value))
            {
                arguments[slot.Name] = value;
            }
        }

        var missing = ToolSchemaValidator.RequiredNames(tool.ParametersSchema).Where(r => !values.ContainsKey(r)).ToList();
        return new ExtractedArguments(arguments, missing);
    }

    private static readonly SlotKind[] ExtractionOrder =
    [
        SlotKind.Email, SlotKind.Identifier, SlotKind.Date, SlotKind.Expression, SlotKind.Enum,
        SlotKind.QuotedString, SlotKind.NumberList, SlotKind.Number, SlotKind.Boolean, SlotKind.FreeText,
    ];

    private static int Order(ToolDescriptor tool, string name) =>
        tool.ParametersSchema.GetProperty("properties").EnumerateObject().Select((p, i) => (p.Name, i)).First(p => p.Name == name).i;

    /// <summary>Turns extracted arguments into the JSON element the executor validates.</summary>
    public static JsonElement ToElement(JsonObject arguments) => JsonSerializer.SerializeToElement(arguments);
}
