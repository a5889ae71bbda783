using System.Runtime.InteropServices;
using System.Text.Json;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Real all-MiniLM-L6-v2 vectors for <c>scale --ann --vectors real</c>: the CLINC150 (full, train + val +
/// out-of-scope) and Banking77 (train) utterances, about 28,000 short texts, embedded once and cached
/// in a file (embedding is the slow part on a loaded machine), in a fixed order.
/// </summary>
internal static class RealVectors
{
    public static IReadOnlyList<string> Utterances()
    {
        var datasets = Path.Combine(BenchmarkPaths.Root(), "..", "shared", "datasets");
        var texts = new List<string>();
        using (var clinc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(datasets, "clinc150", "data_full_trainval.json"))))
        {
            foreach (var split in clinc.RootElement.EnumerateObject())
            {
                texts.AddRange(split.Value.EnumerateArray().Select(pair => pair[0].GetString()!));
            }
        }

        texts.AddRange(CsvFirstColumn(File.ReadAllText(Path.Combine(datasets, "banking77", "train.csv"))).Skip(1));
        return [.. texts.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The first field of each record of a CSV text (quoted fields may hold commas, quotes and line breaks).</summary>
    private static IEnumerable<string> CsvFirstColumn(string csv)
    {
        var field = new System.Text.StringBuilder();
        var (quoted, column) = (false, 0);
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else if (column == 0)
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                column++;
            }
            else if (c == '\n')
            {
                if (field.Length > 0)
                {
                    yield return field.ToString().Trim();
                }

                field.Clear();
                column = 0;
            }
            else if (column == 0 && c != '\r')
            {
                field.Append(c);
            }
        }
    }

    /// <summary>The first <paramref name="count"/> utterances' vectors, from the cache file where it has them.</summary>
    public static async Task<float[][]> LoadAsync(int count, string cacheFile)
    {
        var texts = Utterances();
        count = Math.Min(count, texts.Count);
        var cached = new List<float[]>();
        if (File.Exists(cacheFile))
        {
            var bytes = await File.ReadAllBytesAsync(cacheFile).ConfigureAwait(false);
            var floats = MemoryMarshal.Cast<byte, float>(bytes);
            for (var i = 0; (i + 1) * MiniLmEmbeddingGenerator.Dimensions <= floats.Length; i++)
            {
                cached.Add(floats.Slice(i * MiniLmEmbeddingGenerator.Dimensions, MiniLmEmbeddingGenerator.Dimensions).ToArray());
            }
        }

        if (cached.Count < count)
        {
            using var embedder = new MiniLmEmbeddingGenerator();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
            for (var start = cached.Count; start < count; start += 512)
            {
                var batch = texts.Skip(start).Take(Math.Min(512, count - start)).ToList();
                var vectors = await embedder.EmbedManyAsync(batch).ConfigureAwait(false);
                cached.AddRange(vectors);
                await using var stream = new FileStream(cacheFile, FileMode.Append);
                foreach (var v in vectors)
                {
                    stream.Write(MemoryMarshal.AsBytes(v.AsSpan()));
                }

                await Console.Error.WriteLineAsync($"embedded {cached.Count}/{count} utterances into {cacheFile}").ConfigureAwait(false);
            }
        }

        return [.. cached.Take(count)];
    }
}
