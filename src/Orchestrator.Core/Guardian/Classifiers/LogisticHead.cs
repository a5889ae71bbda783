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

    public static double Probability(ClassifierModel model, FeatureVector x) =>
        WithDocumentRule(Sigmoid(Blend(Blend(Margin(model.Bias, model.DenseWeights, model.SparseWeights, x), model.EmbeddingHead, x), model.CueHead, x)), model.DocumentInstructionFloor, x);

    /// <summary>The main head's margin blended with the <see cref="EmbeddingHead"/>'s, when the model has one.</summary>
    public static double Blend(double mainMargin, EmbeddingHead? head, FeatureVector x) =>
        head is null ? mainMargin : Blend(mainMargin, head.Margin(x.Embedding), head.Blend);

    /// <summary>The margin so far blended with the <see cref="CueHead"/>'s, when the model has one.</summary>
    public static double Blend(double margin, CueHead? head, FeatureVector x) =>
        head is null ? margin : Blend(margin, head.Margin(x.HeadCues), head.Blend);

    public static double Blend(double mainMargin, double embeddingMargin, double blend) => ((1 - blend) * mainMargin) + (blend * embeddingMargin);

    /// <summary>
    /// The document-instruction rule (<see cref="ClassifierModel.DocumentInstructionFloor"/>): lifts a document with a line
    /// addressed to the model, or with words about the assistant's answer or a task for it (<see cref="FeatureVector.DocumentTask"/>),
    /// above the floor, keeping the head's order; and an explicit override of earlier instructions anywhere
    /// (<see cref="FeatureVector.InstructionOverride"/>, <see cref="InstructionOverrides"/>).
    /// </summary>
    public static double WithDocumentRule(double probability, double? floor, FeatureVector x) =>
        floor is { } f && (x.DocumentTask || x.InstructionOverride || StructureCues.HasDocumentInstruction(x.Dense)) ? f + ((1 - f) * probability) : probability;

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
