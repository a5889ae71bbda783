using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

// OpenAI Responses API objects (a "response", its message item, usage), serialised with ServeJson.Options (snake_case, nulls left out).
// No top-level output_text: OpenAI's API sends none (the SDKs compute it from the output items), and the .NET SDK 2.14
// fails to write a ResponseResult back out (ModelReaderWriter.Write) when the JSON it read had one.

internal sealed record ResponseObject(string Id, string Object, long CreatedAt, string Status, string Model, IReadOnlyList<ResponseMessageItem> Output)
{
    public ResponseErrorInfo? Error { get; init; }

    public string? Instructions { get; init; }

    public long? MaxOutputTokens { get; init; }

    public bool ParallelToolCalls => false;

    public string ToolChoice => "auto";

    public IReadOnlyList<string> Tools => [];

    public ResponseTextConfig Text => ResponseTextConfig.Plain;

    public string Truncation => "disabled";

    /// <summary>Whether the conversation was kept for <c>previous_response_id</c> (never fetched: a GET of this id is a 404).</summary>
    public bool Store { get; init; }

    public ResponseUsage? Usage { get; init; }

    public string? User { get; init; }

    public string? PreviousResponseId { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>The OrchestratorResponse without <c>answer</c>, as on chat completions (a name OpenAI's response object does not use).</summary>
    public ResponseMetadata? Orchestrator { get; init; }
}

internal sealed record ResponseMessageItem(string Type, string Id, string Status, string Role, IReadOnlyList<ResponseTextPart> Content);

/// <summary>An output_text part. Annotations stay empty: citations name knowledge files and sections, not OpenAI file ids or URLs; they are in <c>orchestrator.citations</c>.</summary>
internal sealed record ResponseTextPart(string Type, string Text)
{
    public IReadOnlyList<string> Annotations => [];
}

internal sealed record ResponseTextConfig(ResponseTextFormat Format)
{
    public static readonly ResponseTextConfig Plain = new(new ResponseTextFormat("text"));
}

internal sealed record ResponseTextFormat(string Type);

internal sealed record ResponseErrorInfo(string Code, string Message);

internal sealed record ResponseUsage(int InputTokens, ResponseInputTokenDetails InputTokensDetails, int OutputTokens, ResponseOutputTokenDetails OutputTokensDetails, int TotalTokens);

internal sealed record ResponseInputTokenDetails(int CachedTokens);

internal sealed record ResponseOutputTokenDetails(int ReasoningTokens);

/// <summary>What every shape of one reply shares: its ids, time and the request's echoed fields.</summary>
internal sealed record ResponseSeed(string Id, string MessageId, long CreatedAt, ResponsesRequest Request)
{
    /// <summary>Whether a completed answer is kept for <c>previous_response_id</c>.</summary>
    public bool Stored { get; init; }

    public const string ResponseObjectName = "response";
    public const string Completed = "completed";
    public const string InProgress = "in_progress";
    public const string Failed = "failed";
    public const string Incomplete = "incomplete";

    public ResponseMessageItem Message(string status, string? text) =>
        new("message", MessageId, status, "assistant", text is null ? [] : [Part(text)]);

    public static ResponseTextPart Part(string text) => new("output_text", text);

    /// <summary>The response object: <paramref name="text"/> is null while no message exists yet (response.created).</summary>
    public ResponseObject Build(string status, string model, string? text, OrchestratorResponse? response = null, ResponseErrorInfo? error = null)
    {
        var messageStatus = status switch { Completed => Completed, InProgress => InProgress, _ => Incomplete };
        return new ResponseObject(Id, ResponseObjectName, CreatedAt, status, model, text is null ? [] : [Message(messageStatus, text)])
        {
            Error = error,
            Instructions = Request.Instructions,
            MaxOutputTokens = Request.MaxOutputTokens,
            User = Request.User,
            PreviousResponseId = Request.PreviousResponseId,
            Store = Stored && status != Failed,
            Metadata = Request.Metadata,
            Usage = response is null ? null : Usage(response),
            Orchestrator = response is null ? null : new ResponseMetadata(response),
        };
    }

    private static ResponseUsage Usage(OrchestratorResponse response) => new(
        response.Cost.PromptTokens,
        new ResponseInputTokenDetails(0),
        response.Cost.CompletionTokens,
        new ResponseOutputTokenDetails(0),
        response.Cost.PromptTokens + response.Cost.CompletionTokens);
}
