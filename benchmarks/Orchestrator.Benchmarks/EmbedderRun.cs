using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Models.Batching;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>embedder</c>: how to run MiniLM on this machine. Batched throughput for ONNX intra-op thread
/// settings, then 16 concurrent single-sentence callers (what a loaded service does) with and
/// without <see cref="MicroBatchingEmbeddingGenerator"/>, each for the fp32 model and (rows named
/// <c>int8:</c>) its int8 quantization. Each figure is a ratio to the first row.
/// </summary>
internal static class EmbedderRun
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--single"))
        {
            return await EmbedderLatencyRun.RunAsync(rounds: 200).ConfigureAwait(false);
        }

        var sentences = Enumerable.Range(0, 64).Select(i => $"How many vacation days do I get in year {i} if I work part time?").ToList();
        var rows = new List<object>();
        double? baseline = null;
        void Add(string what, double perSecond)
        {
            baseline ??= perSecond;
            rows.Add(new { what, sentences_per_second = Math.Round(perSecond, 1), ratio = Math.Round(perSecond / baseline.Value, 3) });
            Console.Error.WriteLine($"{what}: {perSecond:F1}/s");
        }

        // fp32 and int8 alternate row by row, so other work on the machine hits both alike; the first row stays the ratio's base.
        foreach (var threads in new int?[] { null, 1, 2 })
        {
            foreach (var quantization in new[] { MiniLmQuantization.None, MiniLmQuantization.Int8 })
            {
                using var model = new MiniLmEmbeddingGenerator(32, null, threads, quantization);
                Add($"{Name(quantization)}batched 32, one caller, intra-op threads {threads?.ToString() ?? "default"}", await BatchedAsync(model, sentences).ConfigureAwait(false));
            }
        }

        foreach (var threads in new int?[] { null, 1 })
        {
            foreach (var quantization in new[] { MiniLmQuantization.None, MiniLmQuantization.Int8 })
            {
                using var direct = new MiniLmEmbeddingGenerator(32, null, threads, quantization);
                Add($"{Name(quantization)}16 concurrent single-sentence callers, no batching, intra-op {threads?.ToString() ?? "default"}", await ConcurrentAsync(direct, sentences, 16).ConfigureAwait(false));
                foreach (var batches in new[] { 1, 2 })
                {
                    using var batched = new MicroBatchingEmbeddingGenerator(new MiniLmEmbeddingGenerator(32, null, threads, quantization), new MicroBatchingOptions { MaxConcurrentBatches = batches });
                    Add($"{Name(quantization)}16 concurrent callers, micro-batching ({batches} batch(es) in flight), intra-op {threads?.ToString() ?? "default"}", await ConcurrentAsync(batched, sentences, 16).ConfigureAwait(false));
                }
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { machine = $"{Environment.ProcessorCount} logical cores", rows }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static string Name(MiniLmQuantization quantization) => quantization == MiniLmQuantization.Int8 ? "int8: " : "";

    private static async Task<double> BatchedAsync(IEmbeddingGenerator<string, Embedding<float>> model, List<string> sentences)
    {
        await model.EmbedManyAsync(sentences[..32]).ConfigureAwait(false);
        var count = 0;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed < Duration)
        {
            count += (await model.EmbedManyAsync(sentences[..32]).ConfigureAwait(false)).Length;
        }

        return count / wall.Elapsed.TotalSeconds;
    }

    private static async Task<double> ConcurrentAsync(IEmbeddingGenerator<string, Embedding<float>> model, List<string> sentences, int callers)
    {
        await model.EmbedOneAsync(sentences[0]).ConfigureAwait(false);
        var count = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = c; wall.Elapsed < Duration; i += callers)
            {
                await model.EmbedOneAsync(sentences[i % sentences.Count]).ConfigureAwait(false);
                Interlocked.Increment(ref count);
            }
        }))).ConfigureAwait(false);
        return count / wall.Elapsed.TotalSeconds;
    }
}
