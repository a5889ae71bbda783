using System.Diagnostics;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The embedder's own limit on this machine right now: batched sentences per second (batches of
/// 32 question-length sentences, about 3 s) and one sentence's p50. Load figures are reported as a
/// ratio to the first, because the 2 shared cores make absolute figures move with other work.
/// </summary>
internal static class EmbedderThroughput
{
    public sealed record Result(double SentencesPerSecond, double SingleP50Ms, double CpuMsPerSentence, MiniLmQuantization Quantization);

    /// <summary>Batched work before the measurement, long enough for the managed code to reach optimized code.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <param name="quantization">The embedder the service runs, so a ratio compares the service with its own model's limit.</param>
    public static Result Measure(MiniLmQuantization quantization, TimeSpan? duration = null)
    {
        using var embedder = new MiniLmEmbeddingGenerator(32, null, null, quantization);
        var sentences = Enumerable.Range(0, 32).Select(i => $"How many vacation days do I get in year {i} if I work part time?").ToList();
        // Load, then run batches for a while before measuring: the tokenizer and pooling are managed
        // code that starts unoptimized (tier 0) and is recompiled once hot. Measured right after one
        // call, the yardstick read 300–403 sentences/s in three identical runs (584–610 with tiered
        // compilation off), so the service's ratio to it moved 0.46–0.77 (docs/benchmarks.md, stop 17).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < WarmUp)
        {
            embedder.EmbedManyAsync(sentences).GetAwaiter().GetResult();
        }

        var singles = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            embedder.EmbedOneAsync(sentences[i]).GetAwaiter().GetResult();
            singles.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var limit = duration ?? TimeSpan.FromSeconds(3);
        var count = 0;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed < limit)
        {
            count += embedder.EmbedManyAsync(sentences).GetAwaiter().GetResult().Length;
        }

        var perSecond = Math.Round(count / wall.Elapsed.TotalSeconds, 1);
        return new Result(perSecond, Math.Round(singles.Order().ElementAt(singles.Count / 2), 2), CpuMsPerSentence(sentences, limit, quantization), quantization);
    }

    /// <summary>
    /// CPU per batched sentence with one non-spinning ONNX thread: the compute a sentence costs,
    /// which (unlike wall time) other work on the machine hardly changes. Spinning threads (ONNX's
    /// default) would count their waiting as CPU.
    /// </summary>
    private static double CpuMsPerSentence(List<string> sentences, TimeSpan limit, MiniLmQuantization quantization)
    {
        using var embedder = new MiniLmEmbeddingGenerator(32, 1, 1, quantization);
        embedder.EmbedManyAsync(sentences).GetAwaiter().GetResult();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var count = 0;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed < limit)
        {
            count += embedder.EmbedManyAsync(sentences).GetAwaiter().GetResult().Length;
        }

        process.Refresh();
        return Math.Round((process.TotalProcessorTime - cpu).TotalMilliseconds / count, 3);
    }
}
