namespace Orchestrator.Tests.Support;

/// <summary>One scripted tool call in a fake assistant reply.</summary>
public sealed record FakeToolCall(string Name, string ArgumentsJson, string Id = "call_1");

/// <summary>
/// What <see cref="FakeOpenAiServer"/> answers to one request. Text and tool calls are sent as JSON
/// or, when the request asks for <c>stream: true</c>, as server-sent events.
/// </summary>
public sealed record FakeOpenAiReply
{
    public int Status { get; init; } = 200;

    public string? Text { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>Sent verbatim with <see cref="Status"/> (malformed-response tests).</summary>
    public string? RawBody { get; init; }

    /// <summary>The reply waits until the server is disposed: a model that never answers (timeout tests).</summary>
    public bool Hang { get; init; }

    /// <summary>Sent as the <c>Retry-After</c> header (seconds), e.g. with a 429.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Latency spike: the reply waits this long before its first byte.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The connection drops mid-response (headers, two bytes of a promised body, then an abort).</summary>
    public bool ResetConnection { get; init; }

    /// <summary>Streamed replies stop after this many SSE chunks: the connection is aborted with no finish chunk and no [DONE].</summary>
    public int? CutStreamAfterChunks { get; init; }

    public int PromptTokens { get; init; } = 11;

    public int CompletionTokens { get; init; } = 7;

    public static FakeOpenAiReply WithText(string text) => new() { Text = text };

    public static FakeOpenAiReply WithToolCalls(params FakeToolCall[] calls) => new() { ToolCalls = calls };

    public static FakeOpenAiReply Raw(int status, string body) => new() { Status = status, RawBody = body };

    public static FakeOpenAiReply Hanging() => new() { Hang = true };

    /// <summary>429 in OpenAI's shape with a <c>Retry-After</c> header.</summary>
    public static FakeOpenAiReply RateLimited(int retryAfterSeconds) =>
        Error(429, "Rate limit reached", "rate_limit_exceeded", "rate_limit_exceeded") with { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>The connection drops mid-response: the client fails with a connection error.</summary>
    public static FakeOpenAiReply ConnectionReset() => new() { ResetConnection = true };

    /// <summary>200 with a body that is not valid JSON.</summary>
    public static FakeOpenAiReply MalformedJson() => Raw(200, "{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"message\": ");

    /// <summary>A text reply whose SSE stream stops after <paramref name="chunks"/> chunks (non-streamed requests get the full text).</summary>
    public static FakeOpenAiReply StreamCut(string text, int chunks) => new() { Text = text, CutStreamAfterChunks = chunks };

    /// <summary>An error in OpenAI's shape, e.g. 401 invalid_api_key, 429 rate_limit_exceeded, 500 server_error.</summary>
    public static FakeOpenAiReply Error(int status, string message = "scripted failure", string type = "server_error", string code = "scripted") =>
        new()
        {
            Status = status,
            RawBody = System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type, code, param = (string?)null } }),
        };
}
