using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.AspNetCore;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Serve;

/// <summary>The exception handler and the stream writer's failure paths, on a real HttpContext without a socket.</summary>
public sealed class ServeUnitTests
{
    [Fact]
    public async Task Unexpected_exceptions_become_a_500_without_internals()
    {
        var context = NewContext("/v1/chat/completions");
        var middleware = new ApiMiddleware(_ => throw new InvalidOperationException("secret connection string Server=db;Password=hunter2"), new ApiKeyAuthenticator([]), new FailedAuthLimiter(new Orchestrator.State.InMemoryRateLimitStore(), new ServeSettings(), NullLogger<FailedAuthLimiter>.Instance), new ServeTraffic(), NullLogger<ApiMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        var body = Body(context);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("server_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_failed_event_becomes_an_error_event_then_done()
    {
        var context = NewContext("/v1/chat/completions");
        var writer = new ChatStreamWriter(context.Response, "chatcmpl-x", 1, false, NullLogger.Instance);

        await writer.WriteAsync(PipelineEventStreams.Of(new StreamStarted(Route, false), new AnswerDelta("Part one"), new StreamFailed("the cloud model stopped answering", null)), default);

        var events = Body(context).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("hr-policy", context.Response.Headers["x-orchestrator-route"].ToString());
        Assert.Equal("data: [DONE]", events[^1]);
        using var error = JsonDocument.Parse(events[^2]["data: ".Length..]);
        Assert.Equal("stream_failed", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("the cloud model stopped answering", error.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains("Part one", events[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_after_the_first_byte_becomes_an_error_event_then_done()
    {
        var context = NewContext("/v1/chat/completions");
        var writer = new ChatStreamWriter(context.Response, "chatcmpl-x", 1, false, NullLogger.Instance);

        await writer.WriteAsync(PipelineEventStreams.Throwing(), default);

        var body = Body(context);
        Assert.Contains("\"code\":\"stream_failed\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    private static readonly RouteInfo Route = PipelineEventStreams.Route;

    private static OrchestratorResponse Response(string answer) => new()
    {
        Answer = answer,
        Route = Route,
        Guardian = new GuardianInfo { Passed = true },
        Escalation = new EscalationInfo(),
        Cost = new CostInfo(),
        TimingsMs = new TimingsInfo { Total = 3 },
    };

    private static DefaultHttpContext NewContext(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
