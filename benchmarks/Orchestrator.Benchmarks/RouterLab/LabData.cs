using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;
using Orchestrator.Routing.Typos;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// A routing dataset as <c>eval routing</c> loads it, with every text's cached vector: the training
/// set the router would see and the test rows with their spelling-corrected text (as
/// <c>eval routing</c> routes them by default).
/// </summary>
internal sealed record LabData(
    RouterTrainingSet Set,
    IReadOnlyList<LabeledUtterance> Train,
    IReadOnlyList<LabeledUtterance> Test,
    IReadOnlyList<string> CorrectedTest,
    IReadOnlyDictionary<string, float[]> Vectors)
{
    public static async Task<LabData> LoadAsync(string[] args, string vectorPath, bool embedMissing)
    {
        var request = RoutingRunArgs.Request(args);
        if (RoutingRunArgs.Value(args, "--holdout-intents") is { } share)
        {
            request = request with { HoldoutIntents = double.Parse(share, System.Globalization.CultureInfo.InvariantCulture) };
        }

        var (train, test) = await RoutingEvaluator.LoadAsync(request).ConfigureAwait(false);
        if (request.HoldoutIntents is { } s)
        {
            (train, test, _) = RoutingEvaluator.HoldOutIntents(train, test, s, request.SplitSeed);
        }

        var set = RoutingEvaluator.ToTrainingSet(train) with { Background = RouterBackground.Builtin };
        var corrector = SpellingCorrector.FromTexts(train.Select(r => r.Text));
        var corrected = test.Select(r => corrector.Correct(r.Text).Text).ToList();
        var texts = train.Select(r => r.Text).Concat(test.Select(r => r.Text)).Concat(corrected).Concat(RouterBackground.Builtin);
        Dictionary<string, float[]> vectors;
        if (embedMissing)
        {
            // One intra-op thread: the lab shares a small machine, and the vectors do not depend on it.
            using var miniLm = new Orchestrator.Models.MiniLmEmbeddingGenerator(32, 1, 1, Quantization(args));
            vectors = await VectorFile.EnsureAsync(vectorPath, texts, miniLm).ConfigureAwait(false);
        }
        else
        {
            vectors = VectorFile.Read(vectorPath);

            // The spelling corrector depends on the training rows (--holdout-intents changes them),
            // so a vector file embedded for other arguments can lack some corrected test texts.
            var missing = texts.Select(t => t.Trim()).Where(t => t.Length > 0 && !vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).Count();
            if (missing > 0)
            {
                throw new InvalidDataException($"{vectorPath}: {missing} texts of these arguments have no vector; run 'router-lab embed' with the same arguments first.");
            }
        }

        return new LabData(set, train, test, corrected, vectors);
    }

    public float[] Vector(string text) => Vectors[text.Trim()];

    /// <summary><c>--quantization int8|none</c> (default none): which MiniLM embeds a vector file; one file per setting.</summary>
    public static Orchestrator.Models.MiniLmQuantization Quantization(string[] args) =>
        RoutingRunArgs.Value(args, "--quantization") switch
        {
            null or "none" => Orchestrator.Models.MiniLmQuantization.None,
            "int8" => Orchestrator.Models.MiniLmQuantization.Int8,
            var other => throw new ArgumentException($"--quantization {other}: expected int8 or none"),
        };
}
