using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Guardian.Classifiers.Training;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Reads labelled texts for the injection and harm classifiers: JSON lines <c>{"text", "label", "source"?}</c>
/// (the contract's format), or a JSON array of such objects (InjecGuard's files use <c>prompt</c> for
/// the text). <c>label</c> is 1/0 or true/false; extra fields are ignored. A row without a source
/// takes the file name. Rows whose normalised text repeats an earlier row are dropped, so a text
/// given in two files cannot sit on both sides of a cross-validation split.
/// </summary>
internal static partial class GuardianDatasetReader
{
    public static IReadOnlyList<TrainingRow> Read(IEnumerable<string> paths)
    {
        var rows = new List<TrainingRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var row in ReadFile(path))
            {
                if (seen.Add(NonWord().Replace(row.Text.ToLowerInvariant(), " ").Trim()))
                {
                    rows.Add(row with { Source = Family(row.Source) });
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// The cross-validation unit: the part of the source before '/' ("bipia/email_train" and
    /// "bipia/email_train+text_attack_train" are one family), so a base document and its attacked
    /// copy, or two splits of one dataset, are never on both sides of a fold.
    /// </summary>
    public static string Family(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? source[..slash] : source;
    }

    /// <summary>Every row of one file, duplicates kept: an evaluation scores the file as given.</summary>
    public static IReadOnlyList<TrainingRow> ReadForEvaluation(string path) => [.. ReadFile(path)];

    private static IEnumerable<TrainingRow> ReadFile(string path)
    {
        var text = File.ReadAllText(path);
        var fallbackSource = Path.GetFileNameWithoutExtension(path);
        if (text.TrimStart().StartsWith('['))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw DatasetFormatException.At(path, "file", $"not valid JSON ({JsonProblem.Describe(ex, wholeFile: true)})", ex);
            }

            using (document)
            {
                var index = 0;
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    yield return ParseRow(element, path, $"item {index++}", fallbackSource);
                }
            }

            yield break;
        }

        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", $"not a JSON object ({JsonProblem.Describe(ex, wholeFile: false)}); expected {{\"text\": ..., \"label\": 1 or 0}}", ex);
            }

            using (document)
            {
                yield return ParseRow(document.RootElement, path, $"line {lineNumber}", fallbackSource);
            }
        }
    }

    private static TrainingRow ParseRow(JsonElement element, string path, string where, string fallbackSource)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw DatasetFormatException.At(path, where, "expected an object {\"text\": ..., \"label\": 1 or 0}");
        }

        var text = (element.TryGetProperty("text", out var t) || element.TryGetProperty("prompt", out t)) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : throw DatasetFormatException.At(path, where, "missing \"text\" (a string)");
        var label = element.TryGetProperty("label", out var l) ? l.ValueKind switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.Number when l.TryGetInt32(out var n) && n is 0 or 1 => n,
            _ => throw DatasetFormatException.At(path, where, $"\"label\" is {l.GetRawText()}; expected 1 or 0"),
        } : throw DatasetFormatException.At(path, where, "missing \"label\" (1 or 0)");
        var source = element.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : fallbackSource;
        return new TrainingRow(text, label, source);
    }

    [GeneratedRegex(@"[^\w]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
