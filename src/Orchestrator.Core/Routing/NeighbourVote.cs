namespace Orchestrator.Routing;

/// <summary>
/// The top-1 decision between the head's likeliest routes: logit + weight x the mean similarity of
/// the request's nearest examples of that route. The head separates near-duplicate routes by a
/// linear boundary; the nearest example of a route is a second opinion the head cannot express, and
/// it comes free (the likeliest routes' examples are scanned for the out-of-scope evidence anyway).
/// The weight is chosen per fit from <see cref="Weights"/> by out-of-fold accuracy on the training
/// rows (fold head logits, neighbours from the other folds), so a dataset whose head already
/// separates its routes keeps a small weight or none.
/// </summary>
internal static class NeighbourVote
{
    /// <summary>Candidate weights, in logit units per unit of cosine; 0 is the head's own arg-max.</summary>
    public static IReadOnlyList<float> Weights { get; } = [0f, 1f, 2f, 4f, 8f, 16f, 32f];

    /// <summary>Position in <paramref name="top"/> of the route with the best logit + weight x similarity; ties keep the head's order.</summary>
    public static int Pick(ReadOnlySpan<float> logits, ReadOnlySpan<int> top, ReadOnlySpan<float> similarities, float weight)
    {
        if (weight == 0f)
        {
            return 0;
        }

        var pick = 0;
        var best = logits[top[0]] + (weight * similarities[0]);
        for (var c = 1; c < top.Length; c++)
        {
            var score = logits[top[c]] + (weight * similarities[c]);
            if (score > best)
            {
                (pick, best) = (c, score);
            }
        }

        return pick;
    }

    /// <summary>
    /// The weight with the most rows routed right (the smallest of equals), from each row's logits,
    /// likeliest routes and their nearest-example similarities, all out of fold. 0 when there are no rows.
    /// </summary>
    public static float Choose(IReadOnlyList<float[]> logits, IReadOnlyList<int[]> top, IReadOnlyList<float[]> similarities, IReadOnlyList<int> labels)
    {
        var right = RoutedRight(logits, top, similarities, labels, Weights.Count);
        var chosen = 0;
        for (var w = 1; w < right.Length; w++)
        {
            if (right[w] > right[chosen])
            {
                chosen = w;
            }
        }

        return Weights[chosen];
    }

    /// <summary>Rows routed right with each of the first <paramref name="weights"/> entries of <see cref="Weights"/>.</summary>
    public static int[] RoutedRight(IReadOnlyList<float[]> logits, IReadOnlyList<int[]> top, IReadOnlyList<float[]> similarities, IReadOnlyList<int> labels, int weights)
    {
        var right = new int[weights];
        for (var i = 0; i < logits.Count; i++)
        {
            for (var w = 0; w < weights; w++)
            {
                right[w] += top[i][Pick(logits[i], top[i], similarities[i], Weights[w])] == labels[i] ? 1 : 0;
            }
        }

        return right;
    }
}
