using Orchestrator.Guardian;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval;

namespace Orchestrator.Escalation;

/// <summary>
/// What is sent to the cloud for one request (before PII redaction). The pipeline fills it with only
/// what may leave the machine: the user's own turns, earlier answers that were cloud-safe (see
/// <see cref="CloudSafeAnswers"/>), and evidence from agents that may escalate, never tool results.
/// </summary>
public sealed record CloudQuery(string Question, IReadOnlyList<ConversationTurn> History, IReadOnlyList<Passage> Evidence, string? Tenant);

/// <summary>One provider tried for a request: which model, whether it answered, and why not (secret-free).</summary>
public sealed record CloudAttempt(string Model, bool Ok, string Detail);

/// <summary>The result of an escalation: a cloud answer, or why none was obtained. Never an exception.</summary>
public sealed record CloudOutcome
{
    /// <summary>The answer shown to the user (placeholders restored, new PII redacted); null when no provider answered.</summary>
    public string? Answer { get; init; }

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    public CloudFailure? Failure { get; init; }

    public IReadOnlyList<CloudAttempt> Attempts { get; init; } = [];

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>What the cloud calls of this request cost, settled in the budget.</summary>
    public double Usd { get; init; }

    /// <summary>The guardian's PII check on the cloud answer.</summary>
    public GuardianCheckResult? PiiCheck { get; init; }

    /// <summary>
    /// The link check on the cloud answer (<c>cloud_links</c>). When it failed, <see cref="Answer"/>
    /// is already the rewrite with the foreign links removed: a cloud answer has no further fallback.
    /// </summary>
    public GuardianCheckResult? LinkCheck { get; init; }

    public bool Performed => Answer is not null;
}

/// <summary>
/// One item of a streamed escalation: a text delta, or (last) the outcome. An outcome after deltas
/// with <see cref="CloudOutcome.Failure"/> set means the stream broke mid-answer.
/// </summary>
public sealed record CloudStreamItem(string? Delta, CloudOutcome? Outcome);
