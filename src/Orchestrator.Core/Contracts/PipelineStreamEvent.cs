namespace Orchestrator;

/// <summary>
/// One event of a streamed answer (<see cref="OrchestratorPipeline.StreamAsync"/>). The order is
/// always: one <see cref="StreamStarted"/>, zero or more <see cref="AnswerDelta"/>, then exactly one
/// <see cref="StreamCompleted"/> or <see cref="StreamFailed"/>.
/// </summary>
public abstract record PipelineStreamEvent;
