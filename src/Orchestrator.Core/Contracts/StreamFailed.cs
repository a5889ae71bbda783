namespace Orchestrator;

/// <summary>
/// The last event when the stream broke after text had reached the caller, so no fallback was
/// possible without duplicating text. <paramref name="Message"/> is safe to show to clients.
/// </summary>
public sealed record StreamFailed(string Message, OrchestratorResponse? Response) : PipelineStreamEvent;
