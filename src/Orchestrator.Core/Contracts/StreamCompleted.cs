namespace Orchestrator;

/// <summary>The last event of a successful stream: the full response, whose answer equals the deltas joined.</summary>
public sealed record StreamCompleted(OrchestratorResponse Response) : PipelineStreamEvent;
