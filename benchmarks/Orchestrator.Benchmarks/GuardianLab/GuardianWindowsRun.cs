using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;
using Orchestrator.Guardian.Normalization;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>
/// <c>guardian-windows --data F --out F [--cache-dir D] [--window N] [--stride N | --split sentences | --wrap TEMPLATE]
/// [--train-windows] [--l2 X] [--head-l2 X] [--head-equal true|false]</c>: leave-one-source-out margins of the shipped harm recipe
/// (n-gram and cue head, MiniLM head-window head) for every row <em>and</em> for every later window of a long row
/// (consecutive or overlapping windows after the head window; sentences packed into windows over the whole text;
/// or one "window" that is the text put into a request frame such as <c>"Explain why {0}"</c>), written as JSON lines
/// <c>{source, label, ngram, embedding, windows: [[ngram, embedding], …], texts: [window, …]}</c>. Each window's margins come from
/// the fold model that never saw the row's source family, so any way of combining them (the maximum, the head
/// plus the worst later window) is scored held out; <c>scripts/guardian/window-combinations.py</c> combines them
/// and judges each combination with the nested thresholds (docs/benchmarks.md, branch <c>harm23</c>).
/// </summary>
internal static class GuardianWindowsRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var data = Arg("--data") ?? throw new ArgumentException("--data FILE is required");
        var outPath = Arg("--out") ?? throw new ArgumentException("--out FILE is required");
        var window = Arg("--window") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : ClassifierFeatures.EncoderWindowChars;
        var cacheDir = Arg("--cache-dir") ?? Path.GetTempPath();
        Directory.CreateDirectory(cacheDir);
        var options = new ClassifierTrainingOptions
        {
            Task = "harm",
            TargetFalsePositiveRate = 0.05,
            L2 = Arg("--l2") is { } l2 ? double.Parse(l2, CultureInfo.InvariantCulture) : 1e-3,
            CalibrationSources = ["purplellama", "toxigen", "gptfuzz"],
        };
        var headL2 = Arg("--head-l2") is { } h ? double.Parse(h, CultureInfo.InvariantCulture) : 1e-4;
        var headEqual = Arg("--head-equal") is not { } e || bool.Parse(e);
        var trainWindows = args.Contains("--train-windows");

        using var inner = new MiniLmEmbeddingGenerator(batchSize: 16, maxConcurrentBatches: 1, intraOpThreads: 1);
        using var embedder = new EmbeddingFileCache(inner, Path.Combine(cacheDir, "guardian-minilm-windows.cache"), MiniLmEmbeddingGenerator.Dimensions);
        var rows = GuardianDatasetReader.Read([data]);
        var extractor = new ClassifierFeatures(embedder, options.HashBits, separateEmbedding: true);
        var features = await ExtractAsync(extractor, [.. rows.Select(r => r.Text)]).ConfigureAwait(false);
        var stride = Arg("--stride") is { } st ? int.Parse(st, CultureInfo.InvariantCulture) : window;
        var sentences = Arg("--split") == "sentences";
        var template = Arg("--wrap");
        var windowTexts = rows.Select(r => GuardianTextNormalizer.Normalize(r.Text, GuardianTextNormalizer.DefaultMaxChars).Text)
            .Select(t => template is not null ? [string.Format(CultureInfo.InvariantCulture, template, t.Trim())]
                : sentences ? SentenceWindows(t, window)
                : LaterWindows(t, window, stride))
            .ToArray();
        var flat = windowTexts.SelectMany(x => x).ToArray();
        Console.Error.WriteLine($"{rows.Count} rows, {flat.Length} later windows of {window} characters");
        var windowFeatures = await ExtractAsync(extractor, flat).ConfigureAwait(false);

        var labels = rows.Select(r => r.Label).ToArray();
        var sources = rows.Select(r => r.Source).ToArray();
        var ngram = new double[rows.Count];
        var embedding = new double[rows.Count];
        var windowMargins = new (double Ngram, double Embedding)[flat.Length];
        var firstWindow = new int[rows.Count];
        for (int i = 0, k = 0; i < rows.Count; k += windowTexts[i].Count, i++)
        {
            firstWindow[i] = k;
        }

        foreach (var held in sources.Distinct().Order(StringComparer.Ordinal))
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => sources[i] != held).ToArray();

            // With --train-windows a long training row's later windows join the fold's training rows with the row's label
            // and source, so the heads also learn what a later window of a benign long request looks like.
            var trainRows = train.Select(i => (Features: features[i], Row: i)).ToList();
            if (trainWindows)
            {
                trainRows.AddRange(train.SelectMany(i => Enumerable.Range(firstWindow[i], windowTexts[i].Count).Select(k => (Features: windowFeatures[k], Row: i))));
            }

            var trainLabels = trainRows.Select(t => labels[t.Row]).ToArray();
            var trainSources = trainRows.Select(t => sources[t.Row]).ToArray();
            var (bias, dense, sparse) = LogisticTrainer.Fit([.. trainRows.Select(t => t.Features)], trainLabels, trainSources, options.HashBits, options);
            var (headBias, weights) = EmbeddingHeadTrainer.Fit([.. trainRows.Select(t => t.Features.Embedding!)], trainLabels, LogisticTrainer.RowWeights(trainLabels, trainSources, headEqual), headL2);
            var head = new EmbeddingHead { Encoder = "cv", Dimensions = weights.Length, Bias = headBias, Weights = weights, Blend = 1 };
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => sources[i] == held))
            {
                ngram[i] = LogisticHead.Margin(bias, dense, sparse, features[i]);
                embedding[i] = head.Margin(features[i].Embedding);
                for (var k = 0; k < windowTexts[i].Count; k++)
                {
                    var x = windowFeatures[firstWindow[i] + k];
                    windowMargins[firstWindow[i] + k] = (LogisticHead.Margin(bias, dense, sparse, x), head.Margin(x.Embedding));
                }
            }

            Console.Error.WriteLine($"held out {held}");
        }

        var lines = rows.Select((r, i) => JsonSerializer.Serialize(new
        {
            source = r.Source,
            label = r.Label,
            ngram = Math.Round(ngram[i], 5),
            embedding = Math.Round(embedding[i], 5),
            windows = Enumerable.Range(0, windowTexts[i].Count).Select(k => new[] { Math.Round(windowMargins[firstWindow[i] + k].Ngram, 5), Math.Round(windowMargins[firstWindow[i] + k].Embedding, 5) }),
            texts = windowTexts[i],
        }));
        await File.WriteAllLinesAsync(outPath, lines).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The windows after the head window: consecutive runs of <paramref name="window"/> characters, as <c>EncoderPooling.Mean</c> cuts them.</summary>
    internal static List<string> LaterWindows(string normalized, int window, int stride)
    {
        var text = normalized.Trim();
        var result = new List<string>();
        if (text.Length <= ClassifierFeatures.EncoderWindowChars)
        {
            return result;
        }

        for (var start = stride; start < text.Length && (start == stride || start + window - stride < text.Length); start += stride)
        {
            var piece = text[start..Math.Min(text.Length, start + window)].Trim();
            if (piece.Length > 0)
            {
                result.Add(piece);
            }
        }

        return result;
    }

    /// <summary>Every text longer than the head window cut at sentence ends and line breaks, sentences packed up to <paramref name="window"/> characters.</summary>
    internal static List<string> SentenceWindows(string normalized, int window)
    {
        var text = normalized.Trim();
        var result = new List<string>();
        if (text.Length <= ClassifierFeatures.EncoderWindowChars)
        {
            return result;
        }

        var current = new System.Text.StringBuilder();
        foreach (var sentence in System.Text.RegularExpressions.Regex.Split(text, @"(?<=[.!?])\s+|\n+"))
        {
            var piece = sentence.Trim();
            if (piece.Length == 0)
            {
                continue;
            }

            if (current.Length > 0 && current.Length + 1 + piece.Length > window)
            {
                result.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(piece.Length > window ? piece[..window] : piece);
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private static async Task<List<FeatureVector>> ExtractAsync(ClassifierFeatures extractor, IReadOnlyList<string> texts)
    {
        var result = new List<FeatureVector>(texts.Count);
        foreach (var chunk in texts.Chunk(64))
        {
            result.AddRange((await extractor.ExtractManyAsync(chunk, CancellationToken.None).ConfigureAwait(false)).Select(f => f.Features));
        }

        return result;
    }
}
