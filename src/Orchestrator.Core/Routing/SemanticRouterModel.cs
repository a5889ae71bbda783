using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// Everything a fitted router needs at request time: the head, the example vectors, the
/// temperature, the out-of-scope scorer and its threshold. Immutable and thread-safe to read.
/// </summary>
internal sealed class SemanticRouterModel
{
    public required IReadOnlyList<string> RouteNames { get; init; }

    /// <summary>True when the head has an extra last class for out-of-scope (negative) examples.</summary>
    public required bool HasNegativeClass { get; init; }

    public required SoftmaxHead Head { get; init; }

    public required float Temperature { get; init; }

    public required NeighbourIndex Examples { get; init; }

    public required NeighbourIndex NegativeExamples { get; init; }

    public required int Neighbours { get; init; }

    /// <summary>The evidence actually used, which may differ from the requested one (see fitter).</summary>
    public required OutOfScopeEvidence Evidence { get; init; }

    public InScopeStacker? Stacker { get; init; }

    public required float Threshold { get; init; }

    public required IReadOnlyList<EvidenceCrossValidation> CrossValidation { get; init; }

    /// <summary>Out-of-fold misroutes between routes, most frequent first; empty without cross-validation.</summary>
    public IReadOnlyList<RouteConfusion> Confusions { get; init; } = [];

    /// <summary>How many background utterances the fit kept as negatives, after dropping the in-domain ones.</summary>
    public int BackgroundExamples { get; init; }

    /// <summary>The <see cref="NeighbourVote"/> weight chosen at fit time; 0: the head's arg-max decides.</summary>
    public float NeighbourVoteWeight { get; init; }

    /// <summary>How many of the likeliest routes the neighbour similarity searches.</summary>
    public required int NeighbourRoutes { get; init; }

    /// <summary>Calibrated class probabilities into <paramref name="probs"/>; returns the evidence.</summary>
    public RouteEvidence Evaluate(ReadOnlySpan<float> vector, Span<float> probs) => Evaluate(vector, null, probs);

    /// <summary>
    /// As <see cref="Evaluate(ReadOnlySpan{float}, Span{float})"/>, with the request's text for the
    /// head's character n-gram features (null: the embedding alone).
    /// </summary>
    public RouteEvidence Evaluate(ReadOnlySpan<float> vector, string? text, Span<float> probs)
    {
        var ngrams = Head.Features(text);
        Head.Logits(vector, ngrams, probs);
        return EvaluateLogits(vector, probs);
    }

    /// <summary>
    /// The evidence for a request whose head logits are already in <paramref name="probs"/>, which
    /// then receives the calibrated class probabilities.
    /// </summary>
    public RouteEvidence EvaluateLogits(ReadOnlySpan<float> vector, Span<float> probs)
    {
        var routes = RouteNames.Count;
        var energy = Energy(probs[..routes], Temperature);
        Span<int> top = stackalloc int[Math.Clamp(NeighbourRoutes, 1, routes)];
        Span<float> routeSimilarities = stackalloc float[top.Length];

        // Ranked on the logits: the softmax keeps their order, and the vote adds to logits.
        TopRoutes(probs[..routes], top);
        var similarity = Examples.MeanTopSimilarities(vector, Neighbours, top, routeSimilarities);
        var pick = NeighbourVote.Pick(probs, top, routeSimilarities, NeighbourVoteWeight);
        SoftmaxHead.Softmax(probs, Temperature);
        var best = top[pick];
        return new RouteEvidence(
            best,
            probs[best],
            similarity,
            NegativeExamples.MeanTopSimilarity(vector, Neighbours),
            routeSimilarities[pick],
            HasNegativeClass ? probs[routes] : 0f,
            energy);
    }

    /// <summary>
    /// log sum exp of the routes' logits divided by <paramref name="temperature"/> (the "oos" class
    /// excluded; a route masked to negative infinity counts nothing): the negative free energy of
    /// Liu et al. (2020), "Energy-based Out-of-distribution Detection". The softmax probability
    /// forgets how large the logits were; a request that excites no route has low energy even when
    /// one route wins the softmax by a clear margin, which is how unseen out-of-scope requests look.
    /// </summary>
    public static float Energy(ReadOnlySpan<float> routeLogits, float temperature)
    {
        var max = float.NegativeInfinity;
        foreach (var z in routeLogits)
        {
            max = Math.Max(max, z);
        }

        if (!float.IsFinite(max))
        {
            return float.IsNaN(max) ? float.NaN : 0f;
        }

        var sum = 0.0;
        foreach (var z in routeLogits)
        {
            sum += Math.Exp((z - max) / temperature);
        }

        return (float)((max / temperature) + Math.Log(sum));
    }

    /// <summary>Indices of the largest scores, best first, by partial selection (no sort, no allocation).</summary>
    public static void TopRoutes(ReadOnlySpan<float> scores, Span<int> picked)
    {
        for (var slot = 0; slot < picked.Length; slot++)
        {
            var best = -1;
            for (var c = 0; c < scores.Length; c++)
            {
                if ((best < 0 || scores[c] > scores[best]) && !picked[..slot].Contains(c))
                {
                    best = c;
                }
            }

            picked[slot] = best;
        }
    }

    /// <summary>One number, higher meaning more in scope, compared against <see cref="Threshold"/>.</summary>
    public float Score(RouteEvidence e) => Score(e, Evidence, Stacker);

    public static float Score(RouteEvidence e, OutOfScopeEvidence evidence, InScopeStacker? stacker) => evidence switch
    {
        OutOfScopeEvidence.Probability => e.Confidence,
        OutOfScopeEvidence.Neighbours => e.Similarity - e.NegativeSimilarity,
        OutOfScopeEvidence.Combined when stacker is not null => stacker.Probability(e),
        _ => e.Similarity - e.NegativeSimilarity,
    };
}
