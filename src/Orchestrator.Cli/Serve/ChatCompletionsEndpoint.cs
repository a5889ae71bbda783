using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Diagnostics;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Serve;

/// <summary><c>POST /v1/chat/completions</c>: one pipeline request per call, as JSON or as server-sent events.</summary>
internal sealed class ChatCompletionsEndpoint
{
    private readonly OrchestratorRuntime _runtime;
    private readonly ServeSettings _settings;
    private readonly OrchestratorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatCompletionsEndpoint> _logger;

    public ChatCompletionsEndpoint(OrchestratorRuntime runtime, ServeSettings settings, OrchestratorMetrics metrics, TimeProvider time, ILogger<ChatCompletionsEndpoint> logger)
    {
        _runtime = runtime;
        _settings = settings;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, _settings.Server.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var chat = ChatRequestParser.Parse(body, _runtime.Config, _settings.Server);
        var request = new OrchestratorRequest(chat.Text, chat.Agent)
        {
            History = chat.History,
            Tenant = ApiKeyAuthenticator.Caller(context)?.Tenant,
            EscalationRequested = chat.EscalationRequested,
        };
        var id = "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        if (chat.Stream)
        {
            await new ChatStreamWriter(context.Response, id, created, chat.IncludeUsage, _metrics, _logger)
                .WriteAsync(_runtime.Pipeline.StreamAsync(request, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = await _runtime.Pipeline.AskAsync(request, context.RequestAborted).ConfigureAwait(false);
        _metrics.Record(response);
        ServeLog.Answered(_logger, response);
        ServeHeaders.Set(context.Response, response.Route, response.Escalation.Needed);
        var completion = new ChatCompletion(
            id,
            ChatShapes.CompletionObject,
            created,
            ChatShapes.ModelName(response.Route, response.Escalation.Needed),
            [new ChatChoice(0, new ChatMessage("assistant", response.Answer), "stop")],
            ChatShapes.Usage(response),
            ChatShapes.Metadata(response));
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, completion, ServeJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
