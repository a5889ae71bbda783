using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Cli.Evaluation;

/// <summary>One development example: the fit evidence of a request's best-ranked tool, and whether a call was wanted.</summary>
public sealed record ToolFitSample(string Id, ToolFitEvidence Evidence, bool CallWanted);

/// <summary>
/// Builds the development set for the decline decision and fits its logistic weights. Positives are
/// BFCL rows with their own functions (a call is wanted). Negatives are the same requests offered
/// another row's functions ("a question about X, offered only Y"), never a row that shares a
/// function name or the request text, in two kinds: a far row (half the file away, so
/// near-duplicate groups with adjacent ids do not meet) and the near row whose request is most
/// similar, because the hard cases to decline are tools on the right topic that do not answer.
/// With the answers, a third kind: the request offered its own row's functions minus the expected
/// ones (same API family, wrong function). Use files that are not reported on (docs/tools.md uses live_simple and live_multiple).
/// </summary>
public sealed class ToolFitCalibrator(ToolSelector selector, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public async Task<IReadOnlyList<ToolFitSample>> SamplesAsync(IReadOnlyList<BfclQuestion> rows, IReadOnlyDictionary<string, IReadOnlyList<BfclExpectedCall>>? answers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var samples = new List<ToolFitSample>(rows.Count * 3);
        var requests = (await embedder.EmbedManyAsync(rows.Select(r => r.Request).ToList(), cancellationToken).ConfigureAwait(false))
            .Select(e => VectorMath.Normalize(e)).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (await EvidenceAsync(row.Request, row.Functions, cancellationToken).ConfigureAwait(false) is { } positive)
            {
                samples.Add(new ToolFitSample(row.Id, positive, CallWanted: true));
            }

            var far = rows[(i + (rows.Count / 2)) % rows.Count];
            var near = await NearestToolsAsync(row, Enumerable.Range(0, rows.Count).Where(j => Unrelated(row, rows[j]))
                .OrderByDescending(j => VectorMath.Dot(requests[i], requests[j])).Take(NearCandidates).Select(j => rows[j]), cancellationToken).ConfigureAwait(false);
            foreach (var other in new[] { far, near }.OfType<BfclQuestion>().Where(o => Unrelated(row, o)).DistinctBy(o => o.Id))
            {
                if (await EvidenceAsync(row.Request, other.Functions, cancellationToken).ConfigureAwait(false) is { } negative)
                {
                    samples.Add(new ToolFitSample($"{row.Id}/offered:{other.Id}", negative, CallWanted: false));
                }
            }

            if (await SiblingsAsync(row, answers, cancellationToken).ConfigureAwait(false) is { } sibling)
            {
                samples.Add(new ToolFitSample($"{row.Id}/offered:siblings", sibling, CallWanted: false));
            }
        }

        return samples;
    }

    // Among the requests most like this one, the row whose best tool is closest to this request:
    // the on-topic tool that does not answer it.
    private const int NearCandidates = 10;

    private async Task<BfclQuestion?> NearestToolsAsync(BfclQuestion row, IEnumerable<BfclQuestion> candidates, CancellationToken cancellationToken)
    {
        (BfclQuestion? Row, double Score) best = (null, double.NegativeInfinity);
        foreach (var candidate in candidates)
        {
            var ranked = await selector.RankAsync(row.Request, candidate.Functions, cancellationToken).ConfigureAwait(false);
            if (ranked.Count > 0 && ranked[0].Score > best.Score)
            {
                best = (candidate, ranked[0].Score);
            }
        }

        return best.Row;
    }

    // The request offered its own row's other functions, the expected ones removed: same API family,
    // same topic, wrong function - the nearest of near misses. Needs the answers to know which to remove.
    private async Task<ToolFitEvidence?> SiblingsAsync(BfclQuestion row, IReadOnlyDictionary<string, IReadOnlyList<BfclExpectedCall>>? answers, CancellationToken cancellationToken)
    {
        if (answers is null || !answers.TryGetValue(row.Id, out var expected) || expected.Count == 0)
        {
            return null;
        }

        var others = row.Functions.Where(f => expected.All(e => e.Function != f.Name)).ToList();
        return others.Count == 0 ? null : await EvidenceAsync(row.Request, others, cancellationToken).ConfigureAwait(false);
    }

    private static bool Unrelated(BfclQuestion row, BfclQuestion other) =>
        other.Id != row.Id
        && !string.Equals(other.Request, row.Request, StringComparison.OrdinalIgnoreCase)
        && !other.Functions.Any(f => row.Functions.Any(g => g.Name == f.Name || g.Description == f.Description));

    /// <summary>
    /// Logistic regression by full-batch gradient descent with a small L2 penalty (not on the bias),
    /// classes weighted equally so the 0.5 cut stays meaningful whatever the positive/negative ratio.
    /// </summary>
    public static ToolFitWeights Fit(IReadOnlyList<ToolFitSample> samples, int iterations = 20_000, double learningRate = 0.5, double l2 = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var positives = samples.Count(s => s.CallWanted);
        var negatives = samples.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"Calibration needs both outcomes; got {positives} wanted and {negatives} unwanted calls.", nameof(samples));
        }

        var x = samples.Select(s => ToolFitWeights.Features(s.Evidence)).ToArray();
        var weight = samples.Select(s => s.CallWanted ? 0.5 / positives : 0.5 / negatives).ToArray();
        var w = new double[x[0].Length];
        var gradient = new double[w.Length];
        for (var step = 0; step < iterations; step++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < x.Length; i++)
            {
                var p = 1.0 / (1.0 + Math.Exp(-Dot(w, x[i])));
                var error = (p - (samples[i].CallWanted ? 1 : 0)) * weight[i];
                for (var j = 0; j < w.Length; j++)
                {
                    gradient[j] += error * x[i][j];
                }
            }

            for (var j = 0; j < w.Length; j++)
            {
                w[j] -= learningRate * (gradient[j] + (j == 0 ? 0 : l2 * w[j]));
            }
        }

        return ToolFitWeights.FromArray(w);
    }

    /// <summary>Share of samples decided right at <paramref name="cut"/>, averaged over the two outcomes.</summary>
    public static double BalancedAccuracy(IReadOnlyList<ToolFitSample> samples, ToolFitWeights weights, double cut = 0.5)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(weights);
        double Rate(bool wanted) => samples.Where(s => s.CallWanted == wanted).Select(s => weights.Probability(s.Evidence) >= cut == wanted ? 1.0 : 0.0).DefaultIfEmpty(0).Average();
        return (Rate(true) + Rate(false)) / 2;
    }

    private async Task<ToolFitEvidence?> EvidenceAsync(string request, IReadOnlyList<Orchestrator.Tools.ToolDescriptor> tools, CancellationToken cancellationToken)
    {
        var ranked = await selector.RankAsync(request, tools, cancellationToken).ConfigureAwait(false);
        return ranked.Count == 0 ? null : await selector.EvidenceAsync(request, ranked[0], cancellationToken).ConfigureAwait(false);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
