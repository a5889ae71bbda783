namespace Orchestrator.Cli.Evaluation;

/// <summary>One <c>eval answers</c> case: a conversation whose last user message is answered and checked.</summary>
public sealed record AnswerCase(string Id, string Category, IReadOnlyList<ConversationTurn> History, string Text, AnswerExpectation Expect)
{
    /// <summary>Who asks (the case's <c>caller</c>); null runs the case as the command's <c>--user</c>/<c>--roles</c>, or anonymously.</summary>
    public CallerIdentity? Caller { get; init; }
}

/// <summary>What a useful answer to an <see cref="AnswerCase"/> looks like.</summary>
/// <param name="Agent">The agent that should answer; null when the request should be out of scope.</param>
/// <param name="Source">A source the answer must cite (matched by path suffix); null when none is required.</param>
/// <param name="Facts">Substrings every useful answer contains (case-insensitive).</param>
/// <param name="Tool">A tool that must be called; null when none is required.</param>
public sealed record AnswerExpectation(string? Agent, bool OutOfScope, string? Source, IReadOnlyList<string> Facts, string? Tool)
{
    /// <summary>
    /// The <c>tool_calls[].status</c> the expected tool's call must have (e.g. <c>refused</c> when the
    /// caller may not see the record). Null accepts a call that ran (<c>ok</c>) or one proposed for the
    /// user's confirmation (<c>awaiting_confirmation</c>), which is the right behaviour for a
    /// <c>confirm: true</c> tool.
    /// </summary>
    public string? ToolStatus { get; init; }

    /// <summary>Substrings a useful answer must not contain (case-insensitive), e.g. someone else's record.</summary>
    public IReadOnlyList<string> AbsentFacts { get; init; } = [];
}
