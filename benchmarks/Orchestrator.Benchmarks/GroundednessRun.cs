using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Hosting;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>groundedness [--rounds 5]</c>: the groundedness check on non-verbatim answer sentences, per
/// call, with the passages' sentence vectors stored at ingest against the same passages without them
/// (and no in-memory vector cache, i.e. what a check pays for passages it has not seen). For each
/// retrieval question of the sample's <c>eval/answers.jsonl</c>, the answer sentence is a sentence of
/// the top passage with one small word dropped: not a quote, so the check must compare vectors. The
/// two variants alternate call by call, so machine load hits both alike; read the ratio.
/// </summary>
internal static partial class GroundednessRun
{
    private static readonly string[] SmallWords = ["the", "a", "an", "of", "to", "for", "in", "on", "is", "are", "your", "and"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length >= 2 && args[0] == "--rounds" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var root = BenchmarkPaths.Root();
        var configFile = Path.Combine(root, "samples", "enterprise-assistant", "orchestrator.yaml");
        var config = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext()).Config!;
        await using var runtime = await OrchestratorRuntime.StartAsync(config, new RuntimeOptions { Tools = BuiltInTools.For(config) }).ConfigureAwait(false);
        var counting = new CountingEmbedder(runtime.Embedder);
        var check = new GroundednessCheck(counting, new GroundednessOptions { VectorCacheSize = 0 });

        var cases = new List<(GuardianCheckContext Stored, GuardianCheckContext Unstored)>();
        int questions = 0, noParaphrase = 0, notEmbedded = 0;
        foreach (var line in File.ReadLines(Path.Combine(root, "samples", "enterprise-assistant", "eval", "answers.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            var expect = row.RootElement.GetProperty("expect");
            var messages = row.RootElement.GetProperty("messages");
            if (expect.GetProperty("agent").ValueKind != JsonValueKind.String || messages.GetArrayLength() != 1
                || config.FindAgent(expect.GetProperty("agent").GetString()!)?.Knowledge is not { } collection)
            {
                continue;
            }

            questions++;
            var question = messages[0].GetProperty("content").GetString()!;
            var vector = await runtime.Embedder.EmbedOneAsync(question).ConfigureAwait(false);
            var hits = await runtime.Store.SearchAsync(collection, new HybridQuery { Text = question, Vector = vector }).ConfigureAwait(false);
            var paraphrase = hits.Count == 0 ? null : Paraphrase(hits[0].Passage.Text);
            if (paraphrase is null)
            {
                noParaphrase++;
                continue;
            }

            var stored = new GuardianCheckContext(question, paraphrase, [.. hits.Select(h => h.Passage)]);
            var before = counting.Texts;
            await check.CheckAsync(stored).ConfigureAwait(false);
            if (counting.Texts - before != 1 || hits.Any(h => h.Passage.SentenceVectors is null))
            {
                notEmbedded++; // decided by the lexical rules (nothing embedded), or a passage lacks stored vectors
                continue;
            }

            cases.Add((stored, stored with { Evidence = [.. hits.Select(h => h.Passage with { SentenceVectors = null })] }));
        }

        if (cases.Count == 0)
        {
            // E.g. a store written before sentence vectors were stored: its passages carry none until re-ingested.
            await Console.Error.WriteLineAsync($"no usable case among {questions} questions ({noParaphrase} without a paraphrase, {notEmbedded} decided without embedding or with passages lacking stored vectors); run 'orchestrator ingest' on the sample first").ConfigureAwait(false);
            return 1;
        }

        var storedMs = new List<double>();
        var unstoredMs = new List<double>();
        long storedTexts = 0, unstoredTexts = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (stored, unstored) in cases)
            {
                storedTexts += await TimeAsync(check, counting, stored, storedMs).ConfigureAwait(false);
                unstoredTexts += await TimeAsync(check, counting, unstored, unstoredMs).ConfigureAwait(false);
            }
        }

        var single = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            await runtime.Embedder.EmbedOneAsync($"How many vacation days do I get in year {i}?").ConfigureAwait(false);
            single.Add(watch.Elapsed.TotalMilliseconds);
        }

        var report = new
        {
            machine = $"{Environment.ProcessorCount} logical cores",
            questions,
            cases = cases.Count,
            skipped_no_paraphrase = noParaphrase,
            skipped_not_embedded = notEmbedded,
            rounds,
            stored = Summary(storedMs, storedTexts),
            unstored_no_cache = Summary(unstoredMs, unstoredTexts),
            ratio_p50_unstored_to_stored = Math.Round(Percentile(unstoredMs, 0.5) / Percentile(storedMs, 0.5), 1),
            ratio_p95_unstored_to_stored = Math.Round(Percentile(unstoredMs, 0.95) / Percentile(storedMs, 0.95), 1),
            embedder_one_sentence_ms = new { p50 = Math.Round(Percentile(single, 0.5), 2), p95 = Math.Round(Percentile(single, 0.95), 2) },
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<long> TimeAsync(GroundednessCheck check, CountingEmbedder counting, GuardianCheckContext context, List<double> times)
    {
        var before = counting.Texts;
        var watch = Stopwatch.StartNew();
        await check.CheckAsync(context).ConfigureAwait(false);
        times.Add(watch.Elapsed.TotalMilliseconds);
        return counting.Texts - before;
    }

    private static object Summary(List<double> ms, long texts) => new
    {
        checks = ms.Count,
        p50_ms = Math.Round(Percentile(ms, 0.5), 2),
        p95_ms = Math.Round(Percentile(ms, 0.95), 2),
        mean_ms = Math.Round(ms.Average(), 2),
        texts_embedded_per_check = Math.Round((double)texts / ms.Count, 1),
    };

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The first plain sentence of six words or more with one small word dropped; null when there is none.</summary>
    internal static string? Paraphrase(string passage)
    {
        foreach (var candidate in SentenceEnd().Split(passage))
        {
            var sentence = candidate.Replace("**", "", StringComparison.Ordinal).Trim().TrimStart('-', '*', ' ');
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (sentence.StartsWith('#') || sentence.Contains('|', StringComparison.Ordinal) || words.Count < 6)
            {
                continue;
            }

            var drop = words.FindIndex(1, w => SmallWords.Contains(w, StringComparer.OrdinalIgnoreCase));
            if (drop > 0)
            {
                words.RemoveAt(drop);
                return string.Join(' ', words);
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n")]
    private static partial Regex SentenceEnd();

    private sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private long _texts;

        public long Texts => Interlocked.Read(ref _texts);

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Interlocked.Add(ref _texts, list.Count);
            return base.GenerateAsync(list, options, cancellationToken);
        }
    }
}
