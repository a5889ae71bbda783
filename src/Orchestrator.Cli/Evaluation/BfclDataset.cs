using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Tools;

namespace Orchestrator.Cli.Evaluation;

/// <summary>One BFCL question row: the user's request and the functions offered for it.</summary>
public sealed record BfclQuestion(string Id, string Request, IReadOnlyList<ToolDescriptor> Functions);

/// <summary>One acceptable call: the function and, per parameter, the acceptable values ("" = may be left out).</summary>
public sealed record BfclExpectedCall(string Function, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Arguments);

/// <summary>
/// Reads BFCL files (JSON lines). Functions become declaration-only tools built from their JSON
/// schemas, with BFCL's Python type names (dict, float, tuple, any) mapped to JSON Schema.
/// </summary>
public static class BfclDataset
{
    public static async Task<IReadOnlyList<BfclQuestion>> ReadQuestionsAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = new List<BfclQuestion>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var row = JsonNode.Parse(line)!.AsObject();
                var id = row["id"]!.GetValue<string>();
                var turns = row["question"]!.AsArray();
                var messages = (turns.Count > 0 && turns[0] is JsonArray nested ? nested : turns).OfType<JsonObject>();
                var request = string.Join("\n", messages.Where(m => (string?)m["role"] == "user").Select(m => (string?)m["content"] ?? ""));
                var functions = row["function"]!.AsArray().OfType<JsonObject>().Select(ToTool).ToList();
                rows.Add(new BfclQuestion(id, request, functions));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", "expected a BFCL question row with id, question and function", ex);
            }
        }

        // An empty file would otherwise score as a run over nothing and exit 0.
        return rows.Count > 0 ? rows : throw DatasetFormatException.At(path, "file", "no question rows; expected one BFCL row {\"id\", \"question\", \"function\"} per line");
    }

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<BfclExpectedCall>>> ReadAnswersAsync(string path, CancellationToken cancellationToken = default)
    {
        var answers = new Dictionary<string, IReadOnlyList<BfclExpectedCall>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var id = document.RootElement.GetProperty("id").GetString()!;
                var calls = new List<BfclExpectedCall>();
                foreach (var call in document.RootElement.GetProperty("ground_truth").EnumerateArray())
                {
                    foreach (var function in call.EnumerateObject())
                    {
                        var arguments = function.Value.EnumerateObject().ToDictionary(
                            p => p.Name,
                            p => (IReadOnlyList<JsonElement>)p.Value.EnumerateArray().Select(v => v.Clone()).ToList(),
                            StringComparer.Ordinal);
                        calls.Add(new BfclExpectedCall(function.Name, arguments));
                    }
                }

                answers[id] = calls;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", "expected a BFCL possible_answer row with id and ground_truth", ex);
            }
        }

        return answers;
    }

    private static ToolDescriptor ToTool(JsonObject function)
    {
        var schema = function["parameters"]?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        NormalizeTypes(schema);
        return new ToolDescriptor
        {
            Name = function["name"]!.GetValue<string>(),
            Description = (string?)function["description"] ?? "",
            ParametersSchema = JsonSerializer.SerializeToElement(schema),
        };
    }

    /// <summary>BFCL writes Python type names; the validator and extractor speak JSON Schema.</summary>
    private static void NormalizeTypes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var name))
                {
                    var mapped = name switch { "dict" => "object", "float" => "number", "tuple" => "array", "any" => null, _ => name };
                    if (mapped is null)
                    {
                        obj.Remove("type");
                    }
                    else
                    {
                        obj["type"] = mapped;
                    }
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    NormalizeTypes(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    NormalizeTypes(child);
                }

                break;
        }
    }
}
