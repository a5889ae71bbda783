using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// A multinomial logistic regression over embeddings: one weight row and bias per class.
/// Trained with mini-batch Adam because it reaches a good optimum in a few passes over the
/// data, where full-batch gradient descent needs hundreds of them.
/// </summary>
internal sealed class SoftmaxHead
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    // Gradients this small change nothing measurable; skipping them makes late epochs cheap.
    private const float NegligibleGradient = 1e-7f;

    public SoftmaxHead(int classes, int dimensions, float[] weights, float[] bias)
    {
        Classes = classes;
        Dimensions = dimensions;
        Weights = weights;
        Bias = bias;
    }

    public int Classes { get; }

    public int Dimensions { get; }

    /// <summary>Row-major, <see cref="Classes"/> rows of <see cref="Dimensions"/>.</summary>
    public float[] Weights { get; }

    public float[] Bias { get; }

    public void Logits(ReadOnlySpan<float> x, Span<float> logits)
    {
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = TensorPrimitives.Dot(x, Weights.AsSpan(c * Dimensions, Dimensions)) + Bias[c];
        }
    }

    /// <summary>In-place softmax of <paramref name="logits"/> divided by <paramref name="temperature"/>.</summary>
    public static void Softmax(Span<float> logits, float temperature)
    {
        TensorPrimitives.Divide(logits, temperature, logits);
        StableSoftmax(logits);
    }

    /// <summary>
    /// In-place softmax, shifted by the largest logit first. <see cref="TensorPrimitives.SoftMax{T}(ReadOnlySpan{T}, Span{T})"/>
    /// exponentiates the raw values, so one logit above about 88 overflows float to infinity and
    /// the division gives infinity / infinity = NaN (a sharp temperature on a confident head did
    /// exactly that). After the shift every exponent is at most 0 and the largest term is 1, so the
    /// sum is in [1, classes] and every probability is finite.
    /// </summary>
    public static void StableSoftmax(Span<float> logits)
    {
        if (logits.IsEmpty)
        {
            return;
        }

        TensorPrimitives.Subtract(logits, TensorPrimitives.Max(logits), logits);
        TensorPrimitives.SoftMax(logits, logits);
    }

    /// <summary>Fits the head on rows <paramref name="rows"/> of <paramref name="vectors"/>.</summary>
    public static SoftmaxHead Train(
        float[][] vectors, int[] labels, IReadOnlyList<int> rows, int classes, SemanticRouterOptions options, CancellationToken cancellationToken)
    {
        var d = vectors[rows[0]].Length;
        var weights = new float[classes * d];
        var bias = new float[classes];
        var head = new SoftmaxHead(classes, d, weights, bias);
        if (classes < 2)
        {
            return head; // A single class always wins; there is nothing to learn.
        }

        var classWeight = BalancedClassWeights(labels, rows, classes);
        var gradW = new float[weights.Length];
        var gradB = new float[classes];
        var mW = new float[weights.Length];
        var vW = new float[weights.Length];
        var mB = new float[classes];
        var vB = new float[classes];
        var scratch = new float[weights.Length];
        var probs = new float[classes];

        var order = rows.ToArray();
        var rng = new Random(options.Seed);
        var batchSize = Math.Max(1, options.BatchSize);
        var stepsPerEpoch = (order.Length + batchSize - 1) / batchSize;
        var steps = Math.Max(options.MinSteps, options.Epochs * stepsPerEpoch);
        var position = 0;
        for (var step = 1; step <= steps; step++)
        {
            if (position == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rng.Shuffle(order);
            }

            var end = Math.Min(position + batchSize, order.Length);
            Array.Clear(gradW);
            Array.Clear(gradB);
            var weightSum = 0f;
            for (var k = position; k < end; k++)
            {
                var i = order[k];
                var x = vectors[i];
                head.Logits(x, probs);
                StableSoftmax(probs);
                var w = classWeight[labels[i]];
                weightSum += w;
                for (var c = 0; c < classes; c++)
                {
                    var g = w * (probs[c] - (c == labels[i] ? 1f : 0f));
                    if (MathF.Abs(g) < NegligibleGradient)
                    {
                        continue;
                    }

                    gradB[c] += g;
                    var row = gradW.AsSpan(c * d, d);
                    TensorPrimitives.MultiplyAdd(x, g, row, row);
                }
            }

            position = end >= order.Length ? 0 : end;
            var scale = 1f / weightSum;
            TensorPrimitives.Multiply(gradW, scale, gradW);
            TensorPrimitives.MultiplyAdd(weights, options.L2, gradW, gradW);
            TensorPrimitives.Multiply(gradB, scale, gradB);
            AdamStep(weights, gradW, mW, vW, scratch, step, options.LearningRate);
            AdamStep(bias, gradB, mB, vB, scratch.AsSpan(0, classes), step, options.LearningRate);
        }

        return head;
    }

    /// <summary>Weights n / (classes present x class count), so a small "oos" class is not drowned out.</summary>
    private static float[] BalancedClassWeights(int[] labels, IReadOnlyList<int> rows, int classes)
    {
        var counts = new int[classes];
        foreach (var i in rows)
        {
            counts[labels[i]]++;
        }

        var present = counts.Count(c => c > 0);
        var weights = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            weights[c] = counts[c] == 0 ? 0f : (float)rows.Count / (present * counts[c]);
        }

        return weights;
    }

    private static void AdamStep(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> scratch, int step, float lr)
    {
        TensorPrimitives.Multiply(m, Beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - Beta1, m, m);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.Multiply(v, Beta2, v);
        TensorPrimitives.MultiplyAdd(scratch, 1 - Beta2, v, v);
        var bc1 = 1 - MathF.Pow(Beta1, step);
        var bc2 = 1 - MathF.Pow(Beta2, step);
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Multiply(scratch, 1f / MathF.Sqrt(bc2), scratch);
        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -lr / bc1, p, p);
    }
}
