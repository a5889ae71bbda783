namespace Orchestrator.Routing;

/// <summary>One route and the example utterances that define it.</summary>
public sealed record RouteExamples(string Name, IReadOnlyList<string> Examples);

/// <summary>
/// What a router learns from: the routes with their examples, plus optional out-of-scope
/// (negative) utterances that should be rejected.
/// </summary>
public sealed record RouterTrainingSet(IReadOnlyList<RouteExamples> Routes, IReadOnlyList<string>? Negatives = null)
{
    /// <summary>The negatives, never null.</summary>
    public IReadOnlyList<string> NegativeExamples => Negatives ?? [];
}
