using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Models.Batching;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>embedder --single</c>: one caller embedding one question-length sentence at a time (what a
/// request does at concurrency 1), p50 and p90 per ONNX thread setting and through the served stack
/// (<see cref="ModelFactory.CreateServingEmbedder"/>), interleaved round by round in a shuffled order so that other work on
/// the machine hits every variant alike. Each p50 is also given as a ratio to the first variant's.
/// The fp32 model runs unquantized; the <c>int8:</c> rows run its int8 quantization (the served default).
/// </summary>
internal static class EmbedderLatencyRun
{
    public static async Task<int> RunAsync(int rounds)
    {
        var sentences = Enumerable.Range(0, 64).Select(i => $"How many vacation days do I get in year {i} if I work part time?").ToList();
        var cores = Environment.ProcessorCount;
        var queued = new MicroBatchingOptions { MaxConcurrentBatches = cores, InlineWhenIdle = false };
        var variants = new List<(string Name, IEmbeddingGenerator<string, Embedding<float>> Generator)>
        {
            ("served stack before: queued, one-thread runs", ModelFactory.CreateServingEmbedder(new MiniLmEmbeddingGenerator(32, null, 1), queued)),
            ("served stack after: inline when idle, one-thread runs", ModelFactory.CreateServingEmbedder(new MiniLmEmbeddingGenerator(32, null, 1))),
            ("model alone, intra-op 1", new MiniLmEmbeddingGenerator(32, null, 1)),
            ($"model alone, intra-op {cores} (no spinning)", new MiniLmEmbeddingGenerator(32, null, cores)),
            ("int8: served stack, inline when idle, one-thread runs", ModelFactory.CreateServingEmbedder(new MiniLmEmbeddingGenerator(32, null, 1, MiniLmQuantization.Int8))),
            ("int8: model alone, intra-op 1", new MiniLmEmbeddingGenerator(32, null, 1, MiniLmQuantization.Int8)),
            ($"int8: model alone, intra-op {cores} (no spinning)", new MiniLmEmbeddingGenerator(32, null, cores, MiniLmQuantization.Int8)),
        };
        var times = variants.Select(_ => new List<double>()).ToList();
        foreach (var (_, generator) in variants)
        {
            await generator.EmbedManyAsync(sentences[..8]).ConfigureAwait(false); // load and JIT
        }

        // ONNX's default spinning threads are left out: they keep spinning after a run and slow whichever variant comes next.
        var random = new Random(14);
        var order = Enumerable.Range(0, variants.Count).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (var v in order)
            {
                var started = Stopwatch.GetTimestamp();
                await variants[v].Generator.EmbedOneAsync(sentences[round % sentences.Count]).ConfigureAwait(false);
                times[v].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var firstP50 = Percentile(times[0], 0.5);
        var rows = variants.Select((v, i) => new
        {
            what = v.Name,
            p50_ms = Math.Round(Percentile(times[i], 0.5), 2),
            p90_ms = Math.Round(Percentile(times[i], 0.9), 2),
            p50_ratio_to_first = Math.Round(Percentile(times[i], 0.5) / firstP50, 3),
        }).ToList();
        foreach (var (_, generator) in variants)
        {
            generator.Dispose();
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        Console.WriteLine(JsonSerializer.Serialize(new { machine = $"{Environment.ProcessorCount} logical cores, load average {load}", rounds, rows }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
