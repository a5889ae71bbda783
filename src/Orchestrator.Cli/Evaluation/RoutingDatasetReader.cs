using System.Text.Json;

namespace Orchestrator.Cli.Evaluation;

/// <summary>Reads labelled utterances from CLINC150 JSON, Banking77 CSV or jsonl files.</summary>
public static class RoutingDatasetReader
{
    /// <summary>
    /// Reads one part of a dataset. For CLINC150 the train part is <c>train</c> + <c>oos_train</c>
    /// and the test part is <paramref name="testSplit"/> (default <c>test</c>) + <c>oos_</c> of it;
    /// the other formats hold one list, returned whole for either part.
    /// </summary>
    /// <exception cref="FileNotFoundException">The dataset is absent.</exception>
    /// <exception cref="DatasetFormatException">The content does not fit the format.</exception>
    public static async Task<IReadOnlyList<LabeledUtterance>> ReadAsync(
        string path,
        RoutingDatasetFormat? format = null,
        RoutingDatasetPart part = RoutingDatasetPart.Train,
        string? testSplit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The routing dataset is absent: expected a file at '{full}'.", full);
        }

        var content = await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(content))
        {
            throw DatasetFormatException.At(full, "line 1", "the file is empty.");
        }

        var rows = (format ?? DetectFormat(full, content)) switch
        {
            RoutingDatasetFormat.Clinc150 => ReadClinc(full, content, part, testSplit),
            RoutingDatasetFormat.Banking77 => ReadCsv(full, content),
            _ => ReadJsonl(full, content),
        };
        if (rows.Count == 0)
        {
            throw DatasetFormatException.At(full, "whole file", "it holds no examples.");
        }

        return rows;
    }

    /// <summary>By extension first (.csv, .jsonl), then by content: one JSON object is CLINC150.</summary>
    public static RoutingDatasetFormat DetectFormat(string path, string content)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".csv")
        {
            return RoutingDatasetFormat.Banking77;
        }

        if (ext is ".jsonl" or ".ndjson")
        {
            return RoutingDatasetFormat.Jsonl;
        }

        var trimmed = content.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return trimmed.StartsWith('[') ? RoutingDatasetFormat.Clinc150 : RoutingDatasetFormat.Banking77;
        }

        // A jsonl file's first line is a complete object with "text"; a CLINC150 file's is not.
        var firstLine = trimmed.Split('\n', 2)[0].Trim();
        try
        {
            using var doc = JsonDocument.Parse(firstLine);
            return doc.RootElement.TryGetProperty("text", out _) ? RoutingDatasetFormat.Jsonl : RoutingDatasetFormat.Clinc150;
        }
        catch (JsonException)
        {
            return RoutingDatasetFormat.Clinc150;
        }
    }

    private static List<LabeledUtterance> ReadClinc(string path, string content, RoutingDatasetPart part, string? testSplit)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw DatasetFormatException.At(path, $"line {(ex.LineNumber ?? 0) + 1}", $"not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw DatasetFormatException.At(path, "top level", "a CLINC150 file must be a JSON object of [text, label] lists.");
            }

            var split = part == RoutingDatasetPart.Train ? "train" : (string.IsNullOrWhiteSpace(testSplit) ? "test" : testSplit);
            if (!doc.RootElement.TryGetProperty(split, out var main))
            {
                var keys = string.Join(", ", doc.RootElement.EnumerateObject().Select(p => p.Name));
                throw DatasetFormatException.At(path, "top level", $"no '{split}' list (the file has: {keys}).");
            }

            var rows = new List<LabeledUtterance>();
            AddClincRows(path, split, main, rows);

            // The out-of-scope companion list is optional: a file without it has no OOS data.
            if (doc.RootElement.TryGetProperty("oos_" + split, out var oos))
            {
                AddClincRows(path, "oos_" + split, oos, rows);
            }

            return rows;
        }
    }

    private static void AddClincRows(string path, string key, JsonElement list, List<LabeledUtterance> rows)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw DatasetFormatException.At(path, $"'{key}'", "must be a list of [text, label] pairs.");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2
                || item[0].ValueKind != JsonValueKind.String || item[1].ValueKind != JsonValueKind.String)
            {
                throw DatasetFormatException.At(path, $"'{key}' row {index}", $"expected [\"text\", \"label\"], found {Shorten(item.GetRawText())}.");
            }

            AddRow(path, $"'{key}' row {index}", item[0].GetString(), item[1].GetString(), rows);
            index++;
        }
    }

    private static List<LabeledUtterance> ReadCsv(string path, string content)
    {
        var rows = new List<LabeledUtterance>();
        int textColumn = -1, labelColumn = -1, width = 0;
        foreach (var (line, fields) in CsvRecordReader.Read(path, content))
        {
            if (width == 0)
            {
                width = fields.Count;
                textColumn = fields.FindIndex(f => f.Trim().Equals("text", StringComparison.OrdinalIgnoreCase));
                labelColumn = fields.FindIndex(f => f.Trim() is var h && (h.Equals("category", StringComparison.OrdinalIgnoreCase) || h.Equals("label", StringComparison.OrdinalIgnoreCase)));
                if (textColumn < 0 || labelColumn < 0)
                {
                    throw DatasetFormatException.At(path, $"line {line} (header)", $"needs columns 'text' and 'category'; found {string.Join(",", fields)}.");
                }

                continue;
            }

            if (fields.Count != width)
            {
                throw DatasetFormatException.At(path, $"line {line}", $"has {fields.Count} fields, the header has {width}; quote fields that contain commas.");
            }

            AddRow(path, $"line {line}", fields[textColumn], fields[labelColumn], rows);
        }

        return rows;
    }

    private static List<LabeledUtterance> ReadJsonl(string path, string content)
    {
        var rows = new List<LabeledUtterance>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var where = $"line {i + 1}";
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("label", out var l) || l.ValueKind != JsonValueKind.String)
                {
                    throw DatasetFormatException.At(path, where, $"expected {{\"text\": string, \"label\": string}}, found {Shorten(text)}.");
                }

                AddRow(path, where, t.GetString(), l.GetString(), rows);
            }
            catch (JsonException ex)
            {
                throw DatasetFormatException.At(path, where, $"not valid JSON: {ex.Message}", ex);
            }
        }

        return rows;
    }

    private static void AddRow(string path, string where, string? text, string? label, List<LabeledUtterance> rows)
    {
        if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(label))
        {
            throw DatasetFormatException.At(path, where, "the text and the label must both be non-empty.");
        }

        rows.Add(new LabeledUtterance(text, label.Trim()));
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
