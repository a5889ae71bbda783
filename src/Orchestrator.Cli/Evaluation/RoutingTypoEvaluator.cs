using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Routing;
using Orchestrator.Routing.Typos;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// The <c>--typos</c> part of <c>eval routing</c>: routes clean and seeded noisy test text with the
/// one fitted router, each as written and spelling-corrected. Every distinct text is embedded once,
/// in batches, and classified with <see cref="SemanticRouter.Decide"/>, so the four conditions
/// cost little more than one pass over the test set.
/// </summary>
internal static class RoutingTypoEvaluator
{
    public static async Task<TypoEvalReport> RunAsync(
        SemanticRouter router,
        SpellingCorrector corrector,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IReadOnlyList<LabeledUtterance> test,
        double rate,
        int seed,
        CancellationToken cancellationToken)
    {
        var clean = test.Select(t => t.Text).ToArray();
        var noisy = clean.Select((text, i) => TypoInjector.Inject(text, rate, seed, i)).ToArray();
        var cleanCorrected = clean.Select(t => corrector.Correct(t).Text).ToArray();
        var noisyCorrected = noisy.Select(t => corrector.Correct(t).Text).ToArray();
        var vectors = await EmbedDistinctAsync(embedder, [clean, noisy, cleanCorrected, noisyCorrected], cancellationToken).ConfigureAwait(false);
        var gold = test.Select(t => t.IsOutOfScope ? LabeledUtterance.OutOfScopeLabel : t.Label).ToArray();

        TypoScore Score(string[] texts)
        {
            var predicted = texts.Select(t => router.Decide(vectors[t], t) is { OutOfScope: false, Route: { } route } ? route : LabeledUtterance.OutOfScopeLabel).ToArray();
            var (accuracy, recall, _, _) = RoutingMetrics.Score(gold, predicted);
            return new TypoScore(accuracy, recall);
        }

        return new TypoEvalReport
        {
            Rate = rate,
            Seed = seed,
            UtterancesChanged = Changed(clean, noisy),
            Clean = new TypoConditionReport { WithoutCorrection = Score(clean), WithCorrection = Score(cleanCorrected), TextsCorrected = Changed(clean, cleanCorrected) },
            Noisy = new TypoConditionReport { WithoutCorrection = Score(noisy), WithCorrection = Score(noisyCorrected), TextsCorrected = Changed(noisy, noisyCorrected) },
        };
    }

    private static int Changed(string[] before, string[] after) => before.Zip(after).Count(p => !string.Equals(p.First, p.Second, StringComparison.Ordinal));

    private static async Task<Dictionary<string, float[]>> EmbedDistinctAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, string[][] sets, CancellationToken cancellationToken)
    {
        var distinct = sets.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        const int Chunk = 256;
        for (var start = 0; start < distinct.Count; start += Chunk)
        {
            var part = distinct.GetRange(start, Math.Min(Chunk, distinct.Count - start));
            var embedded = await embedder.EmbedManyAsync(part, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < part.Count; i++)
            {
                vectors[part[i]] = embedded[i];
            }
        }

        return vectors;
    }
}
