namespace Orchestrator.Routing;

/// <summary>
/// How much the head's character n-gram part counts against its embedding part: the head's logits
/// are embedding part (with the bias) + weight x n-gram part, with the weight chosen per fit,
/// jointly with the <see cref="NeighbourVote"/> weight, by out-of-fold accuracy on the training
/// rows. The two parts are trained together, so the weight is a capacity setting the training
/// cannot see: the n-gram weights stop at a margin (<see cref="SoftmaxHead"/>) and their L2 is
/// fixed, so how far they should be trusted on new wording depends on the dataset. Choosing it
/// costs no head fit: the fold heads' two parts are kept apart once, and rescaling the final
/// head's n-gram weights applies the choice at request time without any extra work.
/// </summary>
internal static class NgramBlend
{
    /// <summary>Candidate weights in order of preference on equal accuracy: 1 (the head as trained) first, then the nearest.</summary>
    public static IReadOnlyList<float> Weights { get; } = [1f, 1.5f, 0.5f, 2f, 3f, 0f];

    /// <summary>Logits with the n-gram part reweighted: full + (weight - 1) x n-gram part.</summary>
    public static float[] Blend(float[] logits, float[]? ngramPart, float weight)
    {
        if (ngramPart is null || weight == 1f)
        {
            return logits;
        }

        var blended = new float[logits.Length];
        for (var c = 0; c < logits.Length; c++)
        {
            blended[c] = logits[c] + ((weight - 1f) * ngramPart[c]);
        }

        return blended;
    }

    /// <summary>
    /// The (n-gram weight, vote weight) pair that routes the most rows right. Ties keep the earlier
    /// n-gram weight of <see cref="Weights"/>, and for it the smallest vote weight
    /// (<see cref="NeighbourVote.Choose"/>'s rule).
    /// </summary>
    /// <param name="routedRight">For an n-gram weight: the rows routed right per <see cref="NeighbourVote.Weights"/> entry.</param>
    public static (float Ngram, float Vote) Choose(IReadOnlyList<float> ngramWeights, Func<float, int[]> routedRight)
    {
        var best = (Ngram: 1f, Vote: 0f, Right: -1);
        foreach (var alpha in ngramWeights)
        {
            var right = routedRight(alpha);
            for (var w = 0; w < right.Length; w++)
            {
                if (right[w] > best.Right)
                {
                    best = (alpha, NeighbourVote.Weights[w], right[w]);
                }
            }
        }

        return (best.Ngram, best.Vote);
    }
}
