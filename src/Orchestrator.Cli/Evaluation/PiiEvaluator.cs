using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Guardian.Pii;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Scores the guardian's PII detector (the one the redactor and the cloud boundary use) on the
/// Presidio synthetic format: a span counts only when type and both offsets match exactly.
/// </summary>
internal static class PiiEvaluator
{
    /// <summary>Presidio's entity names for our types. DATE_TIME is wider than a date of birth, so its recall is a lower bound.</summary>
    public static string PresidioName(PiiType type) => type switch
    {
        PiiType.Email => "EMAIL_ADDRESS",
        PiiType.Iban => "IBAN_CODE",
        PiiType.CreditCard => "CREDIT_CARD",
        PiiType.Ssn => "US_SSN",
        PiiType.IpAddress => "IP_ADDRESS",
        PiiType.Phone => "PHONE_NUMBER",
        PiiType.Passport => "US_PASSPORT",
        PiiType.DateOfBirth => "DATE_TIME",
        PiiType.StreetAddress => "STREET_ADDRESS",
        PiiType.Person => "PERSON",
        _ => type.ToString(),
    };

    /// <summary>The type whose gold spans the Presidio data splits into fragments (street, unit, postcode), scored joined too.</summary>
    private const string JoinedType = "STREET_ADDRESS";

    // --errors writes a row's whole text up to this length, and a window of ErrorContextChars each side of the span beyond it.
    private const int MaxErrorText = 2_000;
    private const int ErrorContextChars = 300;

    private static readonly HashSet<string> StructuredTypes = ["CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN", "IP_ADDRESS"];

    private static readonly HashSet<string> DetectedTypes = [.. StructuredTypes, "PERSON", "STREET_ADDRESS"];

    /// <param name="errors">When given, each missed gold span and each spurious prediction is written here as a JSON line.</param>
    public static PiiEvalReport Evaluate(string path, PiiDetector detector, TextWriter? errors = null)
    {
        var rows = Read(path);
        var gold = new List<(int Row, string Type, int Start, int End)>();
        var predicted = new List<(int Row, string Type, int Start, int End)>();
        var latencies = new List<double>(rows.Count);

        // Warm up (lists loaded, patterns compiled) so latency is the steady state a live request sees.
        foreach (var (text, _) in rows.Take(20))
        {
            detector.Detect(text);
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var (text, spans) = rows[r];
            gold.AddRange(spans.Select(s => (r, s.Type, s.Start, s.End)));
            var watch = Stopwatch.StartNew();
            var found = detector.Detect(text);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            predicted.AddRange(found.Select(s => (r, PresidioName(s.Type), s.Start, s.End)));
        }

        var goldSet = gold.ToHashSet();
        if (errors is not null)
        {
            WriteErrors(errors, rows, gold, predicted);
        }

        var counts = gold.Select(g => g.Type).Concat(predicted.Select(p => p.Type)).Distinct().Order(StringComparer.Ordinal)
            .ToDictionary(t => t, t => (Gold: gold.Count(g => g.Type == t), Predicted: predicted.Count(p => p.Type == t), Correct: predicted.Count(p => p.Type == t && goldSet.Contains(p))));
        var joined = PiiFragments.Score(rows.ConvertAll(r => r.Text), gold, predicted, JoinedType);
        latencies.Sort();
        return new PiiEvalReport
        {
            Sentences = rows.Count,
            Spans = gold.Count,
            Types = counts.ToDictionary(kv => kv.Key, kv => TypeScore(kv.Value, Overlaps(gold, predicted, kv.Key), Overlaps(predicted, gold, kv.Key)) is var score && kv.Key == JoinedType
                ? score with { JoinedPrecision = joined.P, JoinedRecall = joined.R, JoinedF1 = joined.F }
                : score),
            Micro = Micro(counts.Values),
            Structured = Micro(counts.Where(kv => StructuredTypes.Contains(kv.Key)).Select(kv => kv.Value)),
            DetectedTypes = Micro(counts.Where(kv => DetectedTypes.Contains(kv.Key)).Select(kv => kv.Value)),
            LatencyMs = new RetrievalLatency(RoutingMetrics.Percentile(latencies, 50), RoutingMetrics.Percentile(latencies, 95)),
        };
    }

    private static void WriteErrors(TextWriter errors, List<(string Text, List<(string Type, int Start, int End)> Spans)> rows, List<(int Row, string Type, int Start, int End)> gold, List<(int Row, string Type, int Start, int End)> predicted)
    {
        var goldSet = gold.ToHashSet();
        var predictedSet = predicted.ToHashSet();
        var missed = gold.Where(g => !predictedSet.Contains(g)).Select(g => ("missed", g));
        var spurious = predicted.Where(p => !goldSet.Contains(p)).Select(p => ("spurious", p));
        foreach (var (kind, s) in missed.Concat(spurious).OrderBy(e => e.Item2.Row).ThenBy(e => e.Item2.Start))
        {
            var text = rows[s.Row].Text;
            var (context, offset) = ErrorContext(text, s.Start, s.End);
            errors.WriteLine(offset == 0 && context.Length == text.Length
                ? JsonSerializer.Serialize(new { row = s.Row, kind, type = s.Type, start = s.Start, end = s.End, value = text[s.Start..s.End], text })
                : JsonSerializer.Serialize(new { row = s.Row, kind, type = s.Type, start = s.Start, end = s.End, value = text[s.Start..s.End], text = context, text_offset = offset }));
        }
    }

    /// <summary>
    /// The row's text, or for a long row the part around the span: a megabyte row with thousands of
    /// errors wrote the whole row once per error (gigabytes). <c>text_offset</c> says where the part starts.
    /// </summary>
    internal static (string Text, int Offset) ErrorContext(string text, int start, int end)
    {
        if (text.Length <= MaxErrorText)
        {
            return (text, 0);
        }

        var from = Math.Max(0, start - ErrorContextChars);
        var to = Math.Min(text.Length, Math.Max(end, start) + ErrorContextChars);
        return (text[from..to], from);
    }

    private static PiiTypeScore TypeScore((int Gold, int Predicted, int Correct) c, int goldOverlapped, int predictedOverlapping)
    {
        var (p, r, f) = Prf(c.Correct, c.Predicted, c.Gold);
        return new PiiTypeScore(c.Gold, c.Predicted, p, r, f,
            c.Predicted == 0 ? 0 : Math.Round((double)predictedOverlapping / c.Predicted, 4),
            c.Gold == 0 ? 0 : Math.Round((double)goldOverlapped / c.Gold, 4));
    }

    /// <summary>How many spans of <paramref name="type"/> in <paramref name="these"/> overlap a span of the same type in <paramref name="others"/>.</summary>
    private static int Overlaps(List<(int Row, string Type, int Start, int End)> these, List<(int Row, string Type, int Start, int End)> others, string type)
    {
        var byRow = others.Where(o => o.Type == type).ToLookup(o => o.Row);
        return these.Count(t => t.Type == type && byRow[t.Row].Any(o => o.Start < t.End && t.Start < o.End));
    }

    private static PiiScore Micro(IEnumerable<(int Gold, int Predicted, int Correct)> counts)
    {
        var list = counts.ToList();
        var (p, r, f) = Prf(list.Sum(c => c.Correct), list.Sum(c => c.Predicted), list.Sum(c => c.Gold));
        return new PiiScore(p, r, f);
    }

    internal static (double P, double R, double F) Prf(int correct, int predicted, int gold)
    {
        var p = predicted == 0 ? 0 : (double)correct / predicted;
        var r = gold == 0 ? 0 : (double)correct / gold;
        return (Math.Round(p, 4), Math.Round(r, 4), p + r == 0 ? 0 : Math.Round(2 * p * r / (p + r), 4));
    }

    /// <summary>Reads the Presidio JSON array; a row or span that breaks the format is reported with its index.</summary>
    internal static List<(string Text, List<(string Type, int Start, int End)> Spans)> Read(string path)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException($"{path}: not valid JSON ({e.Message}); expected a Presidio synthetic PII array of {{full_text, spans}} objects.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DatasetFormatException($"{path}: expected a JSON array of {{full_text, spans: [{{entity_type, start_position, end_position}}]}} objects.");
            }

            var rows = new List<(string, List<(string, int, int)>)>();
            var index = 0;
            foreach (var row in document.RootElement.EnumerateArray())
            {
                rows.Add(ReadRow(path, index++, row));
            }

            return rows;
        }
    }

    private static (string, List<(string, int, int)>) ReadRow(string path, int index, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("full_text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
        {
            throw new DatasetFormatException($"{path}: row {index} has no string 'full_text'.");
        }

        var text = textElement.GetString()!;
        var spans = new List<(string, int, int)>();
        if (row.TryGetProperty("spans", out var spansElement) && spansElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var span in spansElement.EnumerateArray())
            {
                if (span.ValueKind != JsonValueKind.Object
                    || !span.TryGetProperty("entity_type", out var type) || type.ValueKind != JsonValueKind.String
                    || !span.TryGetProperty("start_position", out var start) || !start.TryGetInt32(out var s)
                    || !span.TryGetProperty("end_position", out var end) || !end.TryGetInt32(out var e)
                    || s < 0 || e < s || e > text.Length)
                {
                    throw new DatasetFormatException($"{path}: row {index} has a span without a string entity_type and offsets 0 <= start_position <= end_position <= {text.Length}.");
                }

                spans.Add((type.GetString()!, s, e));
            }
        }

        return (text, spans);
    }
}
