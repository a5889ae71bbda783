using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Tools;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// BFCL's AST check for one call: the function matches, every required parameter is present,
/// every given parameter is expected and has one of the acceptable values, and every expected
/// parameter left out is allowed to be (its list holds ""). Strings compare case-insensitively
/// after trimming; numbers compare by value, so 5 matches 5.0.
/// </summary>
public static class BfclArgumentMatcher
{
    public static bool Matches(ToolDescriptor function, JsonObject arguments, BfclExpectedCall expected)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(expected);
        if (!string.Equals(function.Name, expected.Function, StringComparison.Ordinal))
        {
            return false;
        }

        if (ToolSchemaValidator.RequiredNames(function.ParametersSchema).Any(r => !arguments.ContainsKey(r)))
        {
            return false;
        }

        foreach (var (name, value) in arguments)
        {
            if (!expected.Arguments.TryGetValue(name, out var acceptable))
            {
                return false;
            }

            var given = JsonSerializer.SerializeToElement(value);
            if (!acceptable.Any(a => SameValue(given, a)))
            {
                return false;
            }
        }

        return expected.Arguments
            .Where(e => !arguments.ContainsKey(e.Key))
            .All(e => e.Value.Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == ""));
    }

    private static bool SameValue(JsonElement given, JsonElement acceptable) => (given.ValueKind, acceptable.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => given.GetDouble() == acceptable.GetDouble(),
        (JsonValueKind.String, JsonValueKind.String) => string.Equals(given.GetString()!.Trim(), acceptable.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase),
        (JsonValueKind.Array, JsonValueKind.Array) => given.GetArrayLength() == acceptable.GetArrayLength()
            && given.EnumerateArray().Zip(acceptable.EnumerateArray()).All(p => SameValue(p.First, p.Second)),
        _ => JsonElement.DeepEquals(given, acceptable),
    };
}
