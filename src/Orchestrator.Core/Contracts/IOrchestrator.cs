namespace Orchestrator;

/// <summary>
/// What callers resolve from the container: one request in, one answer out (routed, answered by a
/// specialist, checked by the guardian, escalated when needed). Register it with
/// <c>services.AddOrchestrator(...)</c>.
/// </summary>
public interface IOrchestrator
{
    /// <summary>Answers one request. Waits for the hosted warm-up (ingest, router fit) when it has not finished yet.</summary>
    Task<OrchestratorResponse> AskAsync(OrchestratorRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers one request as it is produced: <see cref="StreamStarted"/> (the route), then
    /// <see cref="AnswerDelta"/> text, then <see cref="StreamCompleted"/> with the whole response,
    /// or <see cref="StreamFailed"/>.
    /// </summary>
    IAsyncEnumerable<PipelineStreamEvent> StreamAsync(OrchestratorRequest request, CancellationToken cancellationToken = default);
}
