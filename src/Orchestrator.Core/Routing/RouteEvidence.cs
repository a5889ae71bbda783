namespace Orchestrator.Routing;

/// <summary>
/// The raw signals behind one routing decision, before they become a single score: the top
/// route's calibrated probability, the similarity to the nearest examples of any route, of the
/// top route alone, and of the negatives, the head's "oos" class probability, and the energy of the
/// routes' temperature-scaled logits (<see cref="SemanticRouterModel.Energy"/>).
/// </summary>
internal readonly record struct RouteEvidence(
    int Route,
    float Confidence,
    float Similarity,
    float NegativeSimilarity,
    float RouteSimilarity = 0f,
    float OutOfScopeProbability = 0f,
    float Energy = 0f);
