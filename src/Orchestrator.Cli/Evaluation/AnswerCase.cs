namespace Orchestrator.Cli.Evaluation;

/// <summary>One <c>eval answers</c> case: a conversation whose last user message is answered and checked.</summary>
public sealed record AnswerCase(string Id, string Category, IReadOnlyList<ConversationTurn> History, string Text, AnswerExpectation Expect);

/// <summary>What a useful answer to an <see cref="AnswerCase"/> looks like.</summary>
/// <param name="Agent">The agent that should answer; null when the request should be out of scope.</param>
/// <param name="Source">A source the answer must cite (matched by path suffix); null when none is required.</param>
/// <param name="Facts">Substrings every useful answer contains (case-insensitive).</param>
/// <param name="Tool">A tool that must be called; null when none is required.</param>
public sealed record AnswerExpectation(string? Agent, bool OutOfScope, string? Source, IReadOnlyList<string> Facts, string? Tool);
