namespace Orchestrator.Routing;

/// <summary>The raw signals behind one routing decision, before they become a single score.</summary>
internal readonly record struct RouteEvidence(
    int Route,
    float Confidence,
    float Similarity,
    float NegativeSimilarity);
