using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Guardian.Pii;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The false-redaction cost of the cloud boundary's identifier rule (<c>id-runs</c>): each text goes
/// through the PII redactor and then <see cref="IdShapedRuns"/>, as the boundary sends it, and the run
/// counts the texts in which the rule withheld something the detector left, with every value it
/// withheld. Files: JSON lines with <c>text</c> (rows whose numeric <c>label</c> is not 0 are skipped,
/// so a guardian training file contributes its benign rows) or a JSON array of objects with <c>prompt</c>.
/// </summary>
internal static class IdRunsRun
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: id-runs <file.jsonl|file.json>...");
            return Task.FromResult(2);
        }

        var redactor = new PiiRedactor();
        var report = new JsonArray();
        foreach (var file in args)
        {
            var texts = Read(file).ToList();
            var values = new List<string>();
            var withheld = 0;
            foreach (var text in texts)
            {
                var redaction = redactor.Redact(text);
                var mapping = new Dictionary<string, string>(redaction.Mapping, StringComparer.Ordinal);
                IdShapedRuns.Redact(redaction.Text, mapping, []);
                var found = mapping.Where(kv => kv.Key.StartsWith("<ID_", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
                withheld += found.Count > 0 ? 1 : 0;
                values.AddRange(found);
            }

            report.Add(new JsonObject
            {
                ["file"] = Path.GetFileName(file),
                ["texts"] = texts.Count,
                ["texts_with_an_id_withheld"] = withheld,
                ["rate"] = texts.Count == 0 ? 0 : Math.Round((double)withheld / texts.Count, 4),
                ["values"] = new JsonArray([.. values.Take(80).Select(v => JsonValue.Create(v))]),
            });
        }

        Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return Task.FromResult(0);
    }

    private static IEnumerable<string> Read(string file)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var row in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                if (row?["prompt"]?.GetValue<string>() is { } prompt)
                {
                    yield return prompt;
                }
            }

            yield break;
        }

        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            var row = JsonNode.Parse(line)!;
            var label = row["label"];
            if (label is JsonValue value && value.TryGetValue<int>(out var number) && number != 0)
            {
                continue;
            }

            if (row["text"]?.GetValue<string>() is { } text)
            {
                yield return text;
            }
        }
    }
}
