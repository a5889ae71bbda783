using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.AspNetCore;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>The Responses stream writer's ends, on a real HttpContext without a socket.</summary>
public sealed class ResponsesStreamWriterTests
{
    private static readonly RouteInfo Route = PipelineEventStreams.Route;

    [Fact]
    public async Task A_pipeline_stop_is_response_failed_with_only_the_text_already_shown()
    {
        var context = NewContext();

        await Writer(context).WriteAsync(PipelineEventStreams.Of(new StreamStarted(Route, false), new AnswerDelta("Part one. "), new StreamFailed("the guardian stopped the answer", null)), default);

        var events = Events(context);
        Assert.Equal("response.failed", events[^1].Type);
        var response = events[^1].Data.GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("the guardian stopped the answer", response.GetProperty("error").GetProperty("message").GetString());
        var message = response.GetProperty("output")[0];
        Assert.Equal("Part one. ", message.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("incomplete", message.GetProperty("status").GetString());
        Assert.DoesNotContain(events, e => e.Type is "response.completed" or "response.output_text.done");
    }

    [Fact]
    public async Task An_exception_after_the_first_byte_is_an_error_event_without_internals()
    {
        var context = NewContext();

        await Writer(context).WriteAsync(PipelineEventStreams.Throwing(), default);

        var events = Events(context);
        Assert.Equal("error", events[^1].Type);
        Assert.Equal("stream_failed", events[^1].Data.GetProperty("code").GetString());
        Assert.DoesNotContain("boom", Body(context), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Body(context), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
    }

    [Fact]
    public async Task A_stream_that_ends_without_an_answer_says_so()
    {
        var context = NewContext();

        await Writer(context).WriteAsync(PipelineEventStreams.Of(new StreamStarted(Route, false), new AnswerDelta("Half")), default);

        var last = Events(context)[^1];
        Assert.Equal("error", last.Type);
        Assert.Contains("ended before the answer was complete", last.Data.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static ResponsesStreamWriter Writer(HttpContext context)
    {
        var request = new ResponsesRequest { Chat = new ChatRequest { Model = "orchestrator", Text = "q", History = [] } };
        return new ResponsesStreamWriter(context.Response, new ResponseSeed("resp_x", "msg_x", 1, request), NullLogger.Instance);
    }

    private static List<(string Type, JsonElement Data)> Events(HttpContext context) =>
        [.. Body(context).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            var lines = e.Split('\n');
            using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
            return (lines[0]["event: ".Length..], data.RootElement.Clone());
        })];

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/v1/responses";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
