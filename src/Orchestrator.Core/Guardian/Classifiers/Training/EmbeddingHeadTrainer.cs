using System.Numerics.Tensors;

namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Fits the <see cref="EmbeddingHead"/>: an L2-regularised logistic regression on the encoder's
/// vectors, full-batch Nesterov gradient descent with a fixed step from the loss's curvature bound,
/// on vectors centred by their weighted mean (folded into the bias afterwards). No randomness, so the
/// same rows give the same head. Rows carry the same class and source weights as the n-gram head.
/// </summary>
internal static class EmbeddingHeadTrainer
{
    /// <summary>Gradient steps: the loss is smooth and strongly convex, so this is well past where the weights stop moving in their printed digits.</summary>
    public const int Iterations = 400;

    public static (double Bias, float[] Weights) Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y, IReadOnlyList<double> rowWeights, double l2)
    {
        ArgumentOutOfRangeException.ThrowIfZero(x.Count);
        var n = x.Count;
        var d = x[0].Length;
        var totalWeight = rowWeights.Sum();
        var mean = new float[d];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.MultiplyAdd(x[i], (float)(rowWeights[i] / totalWeight), mean, mean);
        }

        var centred = new float[n][];
        double maxSquaredNorm = 0;
        for (var i = 0; i < n; i++)
        {
            centred[i] = new float[d];
            TensorPrimitives.Subtract(x[i], mean, centred[i]);
            maxSquaredNorm = Math.Max(maxSquaredNorm, TensorPrimitives.Dot(centred[i], centred[i]));
        }

        // The weighted mean loss's Hessian is at most a quarter of the largest squared norm (the bias adds 1), plus L2.
        var step = 1 / ((0.25 * (maxSquaredNorm + 1)) + l2);
        var w = new double[d + 1];
        var previous = new double[d + 1];
        var lookahead = new double[d + 1];
        var gradient = new float[d];
        var lookaheadWeights = new float[d];
        for (var t = 1; t <= Iterations; t++)
        {
            var momentum = (t - 1) / (double)(t + 2);
            for (var k = 0; k <= d; k++)
            {
                lookahead[k] = w[k] + (momentum * (w[k] - previous[k]));
            }

            for (var k = 0; k < d; k++)
            {
                lookaheadWeights[k] = (float)lookahead[k];
            }

            Array.Clear(gradient);
            double biasGradient = 0;
            for (var i = 0; i < n; i++)
            {
                var p = LogisticHead.Sigmoid(lookahead[d] + TensorPrimitives.Dot(lookaheadWeights, centred[i]));
                var err = (float)((p - y[i]) * rowWeights[i] / totalWeight);
                biasGradient += err;
                TensorPrimitives.MultiplyAdd(centred[i], err, gradient, gradient);
            }

            Array.Copy(w, previous, w.Length);
            for (var k = 0; k < d; k++)
            {
                w[k] = lookahead[k] - (step * (gradient[k] + (l2 * lookahead[k])));
            }

            w[d] = lookahead[d] - (step * biasGradient);
        }

        var weights = w.Take(d).Select(v => (float)v).ToArray();
        return (w[d] - TensorPrimitives.Dot(weights, mean), weights);
    }
}
