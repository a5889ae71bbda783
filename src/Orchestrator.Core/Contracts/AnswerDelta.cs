namespace Orchestrator;

/// <summary>A piece of the answer. The concatenation of all deltas equals the final answer; text is never repeated.</summary>
public sealed record AnswerDelta(string Text) : PipelineStreamEvent;
