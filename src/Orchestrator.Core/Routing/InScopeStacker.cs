namespace Orchestrator.Routing;

/// <summary>
/// A six-feature logistic regression that turns the head's confidence, its energy and the neighbour
/// similarities into one in-scope probability. It is fitted on out-of-fold evidence only, so it
/// learns how these signals behave on utterances the head has not seen.
/// </summary>
internal sealed class InScopeStacker
{
    public const int FeatureCount = 6;
    private const int Iterations = 500;
    private const float LearningRate = 0.1f;
    private const float L2 = 1e-3f;

    public InScopeStacker(float[] mean, float[] scale, float[] weights, float bias)
    {
        Mean = mean;
        Scale = scale;
        Weights = weights;
        Bias = bias;
    }

    public float[] Mean { get; }

    public float[] Scale { get; }

    public float[] Weights { get; }

    public float Bias { get; }

    public float Probability(RouteEvidence e)
    {
        Span<float> f = stackalloc float[FeatureCount];
        Features(e, f);
        var z = Bias;
        for (var j = 0; j < FeatureCount; j++)
        {
            z += Weights[j] * (f[j] - Mean[j]) / Scale[j];
        }

        return 1f / (1f + MathF.Exp(-z));
    }

    /// <summary>Fits in-scope (true) against negative (false) with both classes weighted equally.</summary>
    public static InScopeStacker Fit(IReadOnlyList<RouteEvidence> evidence, IReadOnlyList<bool> inScope) => Fit(evidence, inScope, null);

    /// <summary>
    /// Fits in-scope (true) against negative (false); the in-scope rows together weigh one half and
    /// the negatives the other, each row in proportion to <paramref name="weights"/> within its side
    /// (null: equally), so a large kind of negative does not drown a small one.
    /// </summary>
    public static InScopeStacker Fit(IReadOnlyList<RouteEvidence> evidence, IReadOnlyList<bool> inScope, IReadOnlyList<double>? weights)
    {
        var n = evidence.Count;
        var x = new float[n, FeatureCount];
        Span<float> f = stackalloc float[FeatureCount];
        var mean = new float[FeatureCount];
        var scale = new float[FeatureCount];
        for (var i = 0; i < n; i++)
        {
            Features(evidence[i], f);
            for (var j = 0; j < FeatureCount; j++)
            {
                x[i, j] = f[j];
                mean[j] += f[j] / n;
            }
        }

        for (var j = 0; j < FeatureCount; j++)
        {
            var v = 0f;
            for (var i = 0; i < n; i++)
            {
                v += (x[i, j] - mean[j]) * (x[i, j] - mean[j]) / n;
            }

            scale[j] = v > 1e-12f ? MathF.Sqrt(v) : 1f;
            for (var i = 0; i < n; i++)
            {
                x[i, j] = (x[i, j] - mean[j]) / scale[j];
            }
        }

        double positiveTotal = 0, negativeTotal = 0;
        for (var i = 0; i < n; i++)
        {
            var wi = weights?[i] ?? 1.0;
            positiveTotal += inScope[i] ? wi : 0;
            negativeTotal += inScope[i] ? 0 : wi;
        }

        var rowWeight = new float[n];
        for (var i = 0; i < n; i++)
        {
            var total = inScope[i] ? positiveTotal : negativeTotal;
            rowWeight[i] = total <= 0 ? 0f : (float)(0.5 * (weights?[i] ?? 1.0) / total);
        }
        var w = new float[FeatureCount];
        var b = 0f;
        var grad = new float[FeatureCount];

        // Convex and tiny (n x 3): plain full-batch gradient descent converges well within the budget.
        for (var it = 0; it < Iterations; it++)
        {
            Array.Clear(grad);
            var gb = 0f;
            for (var i = 0; i < n; i++)
            {
                var z = b;
                for (var j = 0; j < FeatureCount; j++)
                {
                    z += w[j] * x[i, j];
                }

                var p = 1f / (1f + MathF.Exp(-z));
                var g = (p - (inScope[i] ? 1f : 0f)) * rowWeight[i];
                gb += g;
                for (var j = 0; j < FeatureCount; j++)
                {
                    grad[j] += g * x[i, j];
                }
            }

            for (var j = 0; j < FeatureCount; j++)
            {
                w[j] -= LearningRate * (grad[j] + (L2 * w[j]));
            }

            b -= LearningRate * gb;
        }

        return new InScopeStacker(mean, scale, w, b);
    }

    private static void Features(RouteEvidence e, Span<float> f)
    {
        // Log-odds spreads out probabilities near 0 and 1, where the useful differences are.
        var p = Math.Clamp(e.Confidence, 1e-6f, 1 - 1e-6f);
        f[0] = MathF.Log(p / (1 - p));
        f[1] = e.Similarity;
        f[2] = e.NegativeSimilarity;
        f[3] = e.RouteSimilarity;
        var q = Math.Clamp(e.OutOfScopeProbability, 1e-6f, 1 - 1e-6f);
        f[4] = MathF.Log(q / (1 - q));
        f[5] = e.Energy;
    }
}
