using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// Drops background utterances that are really in a route's domain, before they become negatives.
/// <para>
/// Rule: a background row is dropped when its cosine similarity to the nearest example of some
/// route reaches that route's cut-off. The cut-off is the lower quartile of the route's own
/// examples' similarity to their nearest sibling (leave one out), clamped to
/// [<see cref="MinCutoff"/>, <see cref="MaxCutoff"/>]. Why: a row at least as close to a route as a
/// quarter of the route's own examples are to each other is indistinguishable from that route's
/// traffic, so calling it off-topic would teach the router to reject its own domain (a banking
/// assistant must not learn that "can you show me my credit card number" is out of scope). The
/// clamp keeps a route of near-paraphrases (siblings at 0.9) from letting its close relatives
/// through as "off-topic" (above <see cref="MaxCutoff"/> a pair of MiniLM sentences is about the
/// same request), and a route of very diverse examples from discarding most of the background
/// (below <see cref="MinCutoff"/> sentences are merely in the same broad area). A route with one
/// example has no siblings and uses the middle of the clamp.
/// </para>
/// </summary>
internal static class BackgroundFilter
{
    public const float MinCutoff = 0.45f;
    public const float MaxCutoff = 0.65f;

    /// <returns>For every row: true to keep it. Rows that are not background are always kept.</returns>
    public static bool[] Keep(float[][] vectors, int[] labels, bool[] isBackground, int routes)
    {
        var n = vectors.Length;
        var keep = Enumerable.Repeat(true, n).ToArray();
        if (!isBackground.Any(b => b))
        {
            return keep;
        }

        var members = new List<int>[routes];
        for (var r = 0; r < routes; r++)
        {
            members[r] = [];
        }

        for (var i = 0; i < n; i++)
        {
            if (labels[i] < routes)
            {
                members[labels[i]].Add(i);
            }
        }

        var cutoffs = members.Select(m => Cutoff(vectors, m)).ToArray();
        for (var i = 0; i < n; i++)
        {
            if (!isBackground[i])
            {
                continue;
            }

            for (var r = 0; r < routes && keep[i]; r++)
            {
                foreach (var j in members[r])
                {
                    if (TensorPrimitives.Dot(vectors[i], vectors[j]) >= cutoffs[r])
                    {
                        keep[i] = false;
                        break;
                    }
                }
            }
        }

        return keep;
    }

    /// <summary>The lower quartile of the examples' nearest-sibling similarity, clamped.</summary>
    public static float Cutoff(float[][] vectors, IReadOnlyList<int> examples)
    {
        if (examples.Count < 2)
        {
            return (MinCutoff + MaxCutoff) / 2;
        }

        var nearest = new float[examples.Count];
        for (var a = 0; a < examples.Count; a++)
        {
            var best = float.NegativeInfinity;
            for (var b = 0; b < examples.Count; b++)
            {
                if (a != b)
                {
                    best = Math.Max(best, TensorPrimitives.Dot(vectors[examples[a]], vectors[examples[b]]));
                }
            }

            nearest[a] = best;
        }

        Array.Sort(nearest);
        var quartile = nearest[(nearest.Length - 1) / 4];
        return float.IsFinite(quartile) ? Math.Clamp(quartile, MinCutoff, MaxCutoff) : MaxCutoff;
    }
}
