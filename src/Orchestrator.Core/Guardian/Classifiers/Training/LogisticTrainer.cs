namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Fits the logistic head with mini-batch AdaGrad (per-coordinate step sizes suit the sparse
/// n-gram block) and L2. Rows are weighted so each class counts the same, and inside a class a
/// large source counts less than proportionally (1/√n), so the head cannot win by memorising the
/// biggest source. Deterministic for a seed.
/// </summary>
internal static class LogisticTrainer
{
    public static (double Bias, float[] Dense, float[] Sparse) Fit(
        IReadOnlyList<FeatureVector> x, IReadOnlyList<int> y, IReadOnlyList<string> sources, int hashBits, ClassifierTrainingOptions options)
    {
        var weights = RowWeights(y, sources, options.EqualSourceWeights);
        var denseDim = x[0].Dense.Length;
        var dense = new float[denseDim];
        var sparse = new float[1 << hashBits];
        var shared = SharedBuckets(x, sources, hashBits, options.MinNgramFamilies);
        var gDense = new double[denseDim];
        var gSparse = new double[1 << hashBits];
        double bias = 0, gBias = 0;
        var order = Enumerable.Range(0, x.Count).ToArray();
        var random = new Random(options.Seed);
        const double eps = 1e-8;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var row = x[i];
                var p = LogisticHead.Sigmoid(LogisticHead.Margin(bias, dense, sparse, row));
                var err = (p - y[i]) * weights[i];
                gBias += err * err;
                bias -= options.LearningRate * err / Math.Sqrt(gBias + eps);
                for (var d = 0; d < denseDim; d++)
                {
                    var g = (err * row.Dense[d]) + (options.L2 * dense[d]);
                    gDense[d] += g * g;
                    dense[d] -= (float)(options.LearningRate * g / Math.Sqrt(gDense[d] + eps));
                }

                for (var k = 0; k < row.SparseIndex.Length; k++)
                {
                    var j = row.SparseIndex[k];
                    if (shared is not null && !shared[j])
                    {
                        continue;
                    }

                    var g = (err * row.SparseValue[k]) + (options.L2 * sparse[j]);
                    gSparse[j] += g * g;
                    sparse[j] -= (float)(options.LearningRate * g / Math.Sqrt(gSparse[j] + eps));
                }
            }
        }

        return (bias, dense, sparse);
    }

    /// <summary>
    /// With <paramref name="minFamilies"/> above 1: which n-gram buckets occur in the rows of at least that many
    /// source families (the others keep weight 0: wording only one source uses names the source, not the attack);
    /// null when every bucket may be used.
    /// </summary>
    internal static bool[]? SharedBuckets(IReadOnlyList<FeatureVector> x, IReadOnlyList<string> sources, int hashBits, int minFamilies)
    {
        if (minFamilies <= 1)
        {
            return null;
        }

        var families = new int[1 << hashBits];
        var lastFamily = new int[1 << hashBits];
        Array.Fill(lastFamily, -1);
        var familyIds = sources.Distinct(StringComparer.Ordinal).Select((s, id) => (s, id)).ToDictionary(p => p.s, p => p.id, StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, x.Count).OrderBy(i => familyIds[sources[i]]))
        {
            var family = familyIds[sources[i]];
            foreach (var j in x[i].SparseIndex)
            {
                if (lastFamily[j] != family)
                {
                    lastFamily[j] = family;
                    families[j]++;
                }
            }
        }

        return [.. families.Select(n => n >= minFamilies)];
    }

    /// <param name="equalSources">Each source counts the same inside its class (1/n per row) instead of 1/√n.</param>
    internal static double[] RowWeights(IReadOnlyList<int> y, IReadOnlyList<string> sources, bool equalSources = false)
    {
        var perCell = new Dictionary<(int, string), int>();
        for (var i = 0; i < y.Count; i++)
        {
            perCell[(y[i], sources[i])] = perCell.GetValueOrDefault((y[i], sources[i])) + 1;
        }

        var raw = new double[y.Count];
        for (var i = 0; i < y.Count; i++)
        {
            var n = perCell[(y[i], sources[i])];
            raw[i] = equalSources ? 1.0 / n : 1 / Math.Sqrt(n);
        }

        // Each class's weights sum to half the rows, so the mean weight is 1.
        var result = new double[y.Count];
        foreach (var label in y.Distinct())
        {
            var total = Enumerable.Range(0, y.Count).Where(i => y[i] == label).Sum(i => raw[i]);
            for (var i = 0; i < y.Count; i++)
            {
                if (y[i] == label)
                {
                    result[i] = raw[i] / total * (y.Count / 2.0);
                }
            }
        }

        return result;
    }
}
