namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// What <see cref="FallbackChatClient"/> did for one call: every provider tried, in order, the one
/// that answered (or whose stream broke), and why there is no answer when there is none. Tokens are
/// those of the answering call; <see cref="Usd"/> is what all its calls cost.
/// </summary>
public sealed record FallbackReport
{
    /// <summary>The provider that answered, or whose stream broke after text was passed on.</summary>
    public string? Model { get; init; }

    public IReadOnlyList<CloudAttempt> Attempts { get; init; } = [];

    /// <summary>Null when <see cref="Model"/> answered.</summary>
    public CloudFailure? Failure { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public double Usd { get; init; }
}
