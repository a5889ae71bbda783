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

    /// <summary>
    /// General off-topic utterances (for example <see cref="RouterBackground.Builtin"/>) added as
    /// extra negatives. Unlike <see cref="Negatives"/>, a background utterance that is about as
    /// close to a route as the route's own examples are to each other is dropped before the fit,
    /// so a generic list cannot teach an assistant that its own domain is off-topic.
    /// </summary>
    public IReadOnlyList<string>? Background { get; init; }

    /// <summary>The background utterances, never null.</summary>
    public IReadOnlyList<string> BackgroundExamples => Background ?? [];
}
