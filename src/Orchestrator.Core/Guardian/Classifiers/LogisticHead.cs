namespace Orchestrator.Guardian.Classifiers;

/// <summary>The logistic head shared by scoring and training, so both compute exactly the same margin.</summary>
internal static class LogisticHead
{
    public static double Margin(double bias, float[] dense, float[] sparse, FeatureVector x)
    {
        double z = bias;
        for (var i = 0; i < x.Dense.Length; i++)
        {
            z += dense[i] * x.Dense[i];
        }

        for (var i = 0; i < x.SparseIndex.Length; i++)
        {
            z += sparse[x.SparseIndex[i]] * x.SparseValue[i];
        }

        return z;
    }

    public static double Probability(ClassifierModel model, FeatureVector x) => Sigmoid(Margin(model.Bias, model.DenseWeights, model.SparseWeights, x));

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
