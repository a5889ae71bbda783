using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools;

/// <summary>
/// Checks untrusted tool arguments against a tool's JSON schema before anything runs: the subset of
/// JSON Schema that tool schemas use (type, required, enum, minimum/maximum, minLength/maxLength,
/// pattern, items). Properties the schema does not declare are rejected, so a model cannot smuggle
/// in parameters. Errors are short sentences a model can act on.
/// </summary>
public static class ToolSchemaValidator
{
    /// <summary>
    /// The bound on a schema <c>pattern</c> (it comes from the tool's declaration, an MCP server's say:
    /// untrusted) that the linear-time engine refuses (lookarounds, backreferences, atomic groups) and
    /// the backtracking engine therefore runs. Other patterns need no bound and never time out.
    /// </summary>
    internal static readonly TimeSpan BacktrackingPatternTimeout = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement arguments)
    {
        var errors = new List<string>();
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            errors.Add("arguments must be a JSON object");
            return errors;
        }

        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        foreach (var name in RequiredNames(schema))
        {
            if (!arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                errors.Add($"missing required argument '{name}'");
            }
        }

        foreach (var argument in arguments.EnumerateObject())
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(argument.Name, out var propertySchema))
            {
                errors.Add($"unknown argument '{argument.Name}'");
                continue;
            }

            if (argument.Value.ValueKind != JsonValueKind.Null || !IsNullable(propertySchema))
            {
                CheckValue(argument.Name, propertySchema, argument.Value, errors);
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> RequiredNames(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList()
            : [];

    /// <summary>The schema's type names; a property may allow several (e.g. ["string", "null"]).</summary>
    public static IReadOnlyList<string> TypeNames(JsonElement propertySchema)
    {
        if (!propertySchema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private static bool IsNullable(JsonElement propertySchema) => TypeNames(propertySchema).Contains("null");

    private static void CheckValue(string path, JsonElement schema, JsonElement value, List<string> errors)
    {
        var types = TypeNames(schema).Where(t => t != "null").ToList();
        if (types.Count > 0 && !types.Any(t => HasType(value, t)))
        {
            errors.Add($"argument '{path}' must be of type {string.Join(" or ", types)}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"argument '{path}' must be one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))}");
            return;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && min.ValueKind == JsonValueKind.Number && number < min.GetDouble())
            {
                errors.Add($"argument '{path}' must be at least {min.GetRawText()}");
            }

            if (schema.TryGetProperty("maximum", out var max) && max.ValueKind == JsonValueKind.Number && number > max.GetDouble())
            {
                errors.Add($"argument '{path}' must be at most {max.GetRawText()}");
            }
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            CheckString(path, schema, value.GetString()!, errors);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckValue(string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), items, item, errors);
            }
        }
    }

    private static void CheckString(string path, JsonElement schema, string text, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && minLength.TryGetInt32(out var min) && text.Length < min)
        {
            errors.Add($"argument '{path}' must have at least {min} characters");
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var max) && text.Length > max)
        {
            errors.Add($"argument '{path}' must have at most {max} characters");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            CheckPattern(path, pattern.GetString()!, text, errors);
        }
    }

    /// <summary>
    /// Matches with <see cref="RegexOptions.NonBacktracking"/> (linear in the text, so the answer cannot
    /// depend on how loaded the machine is); only a pattern that engine refuses runs on the backtracking
    /// engine, bounded by <see cref="BacktrackingPatternTimeout"/>. A pattern that runs out of time or does
    /// not parse is the tool's fault, not the argument's, and the error says so.
    /// </summary>
    private static void CheckPattern(string path, string pattern, string text, List<string> errors)
    {
        Regex regex;
        try
        {
            regex = SchemaPatterns.Get(pattern);
        }
        catch (ArgumentException)
        {
            errors.Add($"argument '{path}' could not be checked: the tool's schema pattern {pattern} is not a valid regular expression");
            return;
        }

        try
        {
            if (!regex.IsMatch(text))
            {
                errors.Add($"argument '{path}' must match the pattern {pattern}");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            errors.Add($"argument '{path}' could not be checked: the tool's schema pattern {pattern} took longer than {BacktrackingPatternTimeout.TotalMilliseconds:0} ms on it (a pattern that backtracks catastrophically), so it was not accepted; the argument itself may be valid");
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && (value.TryGetInt64(out _) || IsWhole(value.GetDouble())),
        "number" or "float" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" or "tuple" => value.ValueKind == JsonValueKind.Array,
        "object" or "dict" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static bool IsWhole(double d) => double.IsFinite(d) && Math.Floor(d) == d;
}
