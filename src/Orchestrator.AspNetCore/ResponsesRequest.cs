namespace Orchestrator.AspNetCore;

/// <summary>A validated Responses API request: the turns and options as chat completions reads them, and what the reply echoes.</summary>
internal sealed record ResponsesRequest
{
    public required ChatRequest Chat { get; init; }

    /// <summary>The <c>instructions</c> as sent (they also lead the history as a system turn).</summary>
    public string? Instructions { get; init; }

    public long? MaxOutputTokens { get; init; }

    /// <summary>The response this one continues (only with <c>server.stored_responses</c>).</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary>The request's <c>store</c> (OpenAI's default is true): false keeps this conversation out of the stored responses.</summary>
    public bool Store { get; init; } = true;

    public string? User { get; init; }

    /// <summary>The caller's <c>metadata</c>, echoed in the reply as OpenAI does; never given to a model.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
