using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary><c>POST /v1/chat/completions</c>: one pipeline request per call, as JSON or as server-sent events.</summary>
internal sealed class ChatCompletionsEndpoint
{
    // Resolved once: serializing through the options looked the reply type's metadata up on every reply.
    private static readonly JsonTypeInfo<ChatCompletion> CompletionJson = ServeJson.TypeInfo<ChatCompletion>(ServeJson.Options);

    private readonly HostedOrchestrator _orchestrator;
    private readonly ServeSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatCompletionsEndpoint> _logger;

    public ChatCompletionsEndpoint(HostedOrchestrator orchestrator, ServeSettings settings, TimeProvider time, ILogger<ChatCompletionsEndpoint> logger)
    {
        _orchestrator = orchestrator;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ApiRequests.ReadBodyAsync(context, _orchestrator, _settings).ConfigureAwait(false);
        var chat = ChatRequestParser.Parse(body, _orchestrator.Config, _settings.Server);
        var request = ApiRequests.ToPipeline(chat, context, _settings);
        var id = ApiRequests.NewId("chatcmpl-", 12);
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        if (chat.Stream)
        {
            // The orchestrator records the request's metrics itself; the endpoint only logs.
            await new ChatStreamWriter(context.Response, id, created, chat.IncludeUsage, _logger)
                .WriteAsync(_orchestrator.StreamAsync(request, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = await _orchestrator.AskAsync(request, context.RequestAborted).ConfigureAwait(false);
        ServeLog.Answered(_logger, response);
        ServeHeaders.Set(context.Response, response.Route, response.Escalation.Performed);
        var completion = new ChatCompletion(
            id,
            ChatShapes.CompletionObject,
            created,
            ChatShapes.ModelName(response.Route, response.Escalation.Needed),
            [new ChatChoice(0, new ChatMessage("assistant", response.Answer), "stop")],
            ChatShapes.Usage(response),
            new ResponseMetadata(response));
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, completion, CompletionJson, context.RequestAborted).ConfigureAwait(false);
    }
}
