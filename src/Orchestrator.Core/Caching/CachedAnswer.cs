namespace Orchestrator.Caching;

/// <summary>
/// One stored answer. <see cref="Scope"/> names tenant, agent, collection contents and configuration,
/// so an entry can only ever answer a request with all four the same.
/// </summary>
internal sealed record CachedAnswer(string ExactKey, string Scope, float[] Vector, OrchestratorResponse Response, DateTimeOffset ExpiresUtc);
