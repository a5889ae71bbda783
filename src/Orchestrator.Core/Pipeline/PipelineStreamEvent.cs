namespace Orchestrator.Pipeline;

/// <summary>
/// One event of a streamed answer (<see cref="OrchestratorPipeline.StreamAsync"/>). The order is
/// always: one <see cref="StreamStarted"/>, zero or more <see cref="AnswerDelta"/>, then exactly one
/// <see cref="StreamCompleted"/> or <see cref="StreamFailed"/>.
/// </summary>
public abstract record PipelineStreamEvent;

/// <summary>The route is decided; callers can write headers (route, escalation) from it.</summary>
/// <param name="Route">The routing decision, as in the final response.</param>
/// <param name="Escalating">True when the request is being escalated (or needed escalation).</param>
public sealed record StreamStarted(RouteInfo Route, bool Escalating) : PipelineStreamEvent;

/// <summary>A piece of the answer. The concatenation of all deltas equals the final answer; text is never repeated.</summary>
public sealed record AnswerDelta(string Text) : PipelineStreamEvent;

/// <summary>The last event of a successful stream: the full response, whose answer equals the deltas joined.</summary>
public sealed record StreamCompleted(OrchestratorResponse Response) : PipelineStreamEvent;

/// <summary>
/// The last event when the stream broke after text had reached the caller, so no fallback was
/// possible without duplicating text. <paramref name="Message"/> is safe to show to clients.
/// </summary>
public sealed record StreamFailed(string Message, OrchestratorResponse? Response) : PipelineStreamEvent;
