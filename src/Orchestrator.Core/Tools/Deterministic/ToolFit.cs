namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// The evidence that the best-ranked tool really serves the request, each value 0..1 except the
/// similarities (cosine, -1..1). See docs/tools.md "Declining" for how it is combined and calibrated.
/// </summary>
/// <param name="Similarity">Request vs the tool's "name: description" and examples (the ranking score).</param>
/// <param name="GenericSimilarity">Request vs the nearest built-in generic request (small talk, general knowledge).</param>
/// <param name="RequestCoverage">Share of the request's content words that the tool's texts mention.</param>
/// <param name="NameCoverage">Share of the tool name's words that the request uses.</param>
/// <param name="ArgumentCoverage">Share of the required parameters the extractors found a value for (0 when none are required).</param>
/// <param name="NothingRequired">The tool has no required parameter, so argument coverage says nothing either way.</param>
/// <param name="ObjectCoverage">Share of the tool name's object words (generic verbs like get/calculate dropped) that the request uses.</param>
/// <param name="ObjectSimilarity">The tool name's object words alone ("body mass index") vs the closest three-word phrase of the request, cosine.</param>
/// <param name="ParameterGrounding">Share of required parameters the request mentions or supplies a non-numeric value for (0 when none are required).</param>
/// <param name="WeakestParameterSimilarity">Over required parameters, the lowest best cosine of the parameter's "name: description" with a three-word phrase of the request (0 when none are required).</param>
public sealed record ToolFitEvidence(double Similarity, double GenericSimilarity, double RequestCoverage, double NameCoverage, double ArgumentCoverage, bool NothingRequired,
    double ObjectCoverage = 0, double ObjectSimilarity = 0, double ParameterGrounding = 0, double WeakestParameterSimilarity = 0)
{
    /// <summary>How much closer the request is to the tool than to generic chat.</summary>
    public double Margin => Similarity - GenericSimilarity;
}

/// <summary>
/// Logistic weights that turn <see cref="ToolFitEvidence"/> into the probability that a tool call is
/// wanted. The defaults were fitted on a development set built only from BFCL live_simple and
/// live_multiple (true pairs vs. requests paired with another row's functions or with their own row's
/// other functions); docs/tools.md says how. Refit with the benchmark project's <c>tool-fit</c> run.
/// </summary>
public sealed record ToolFitWeights(double Bias, double Similarity, double Margin, double RequestCoverage, double NameCoverage, double ArgumentCoverage, double NothingRequired,
    double ObjectCoverage = 0, double ObjectSimilarity = 0, double ParameterGrounding = 0, double WeakestParameter = 0)
{
    public static ToolFitWeights Calibrated { get; } = new(Bias: -3.15, Similarity: 2.04, Margin: 0.30, RequestCoverage: 3.48, NameCoverage: 0.37, ArgumentCoverage: 0.21, NothingRequired: 1.51,
        ObjectCoverage: 0.35, ObjectSimilarity: -0.14, ParameterGrounding: 0.29, WeakestParameter: 2.26);

    public double Probability(ToolFitEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var z = Bias + (Similarity * e.Similarity) + (Margin * e.Margin) + (RequestCoverage * e.RequestCoverage)
            + (NameCoverage * e.NameCoverage) + (ArgumentCoverage * e.ArgumentCoverage) + (e.NothingRequired ? NothingRequired : 0)
            + (ObjectCoverage * e.ObjectCoverage) + (ObjectSimilarity * e.ObjectSimilarity) + (ParameterGrounding * e.ParameterGrounding)
            + (WeakestParameter * e.WeakestParameterSimilarity);
        return 1.0 / (1.0 + Math.Exp(-z));
    }

    internal double[] ToArray() => [Bias, Similarity, Margin, RequestCoverage, NameCoverage, ArgumentCoverage, NothingRequired, ObjectCoverage, ObjectSimilarity, ParameterGrounding, WeakestParameter];

    public static ToolFitWeights FromArray(IReadOnlyList<double> w) => new(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10]);

    public static double[] Features(ToolFitEvidence e) =>
        [1.0, e.Similarity, e.Margin, e.RequestCoverage, e.NameCoverage, e.ArgumentCoverage, e.NothingRequired ? 1.0 : 0.0, e.ObjectCoverage, e.ObjectSimilarity, e.ParameterGrounding, e.WeakestParameterSimilarity];
}
