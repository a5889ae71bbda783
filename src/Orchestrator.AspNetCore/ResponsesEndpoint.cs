using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;

namespace Orchestrator.AspNetCore;

/// <summary>
/// <c>POST /v1/responses</c>: the OpenAI Responses API over the same pipeline call as chat completions (same
/// parser checks, tenant, caller, headers and metadata), as a response object or as Responses stream events.
/// </summary>
internal sealed class ResponsesEndpoint(HostedOrchestrator orchestrator, ServeSettings settings, TimeProvider time, ILogger<ResponsesEndpoint> logger)
{
    private static readonly JsonTypeInfo<ResponseObject> ResponseJson = ServeJson.TypeInfo<ResponseObject>(ServeJson.Options);

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ApiRequests.ReadBodyAsync(context, orchestrator, settings).ConfigureAwait(false);
        var parsed = ResponsesRequestParser.Parse(body, orchestrator.Config, settings.Server);
        var request = ApiRequests.ToPipeline(parsed.Chat, context, settings);
        var seed = new ResponseSeed(ApiRequests.NewId("resp_", 24), ApiRequests.NewId("msg_", 24), time.GetUtcNow().ToUnixTimeSeconds(), parsed);
        if (parsed.Chat.Stream)
        {
            await new ResponsesStreamWriter(context.Response, seed, logger)
                .WriteAsync(orchestrator.StreamAsync(request, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = await orchestrator.AskAsync(request, context.RequestAborted).ConfigureAwait(false);
        ServeLog.Answered(logger, response);
        ServeHeaders.Set(context.Response, response.Route, response.Escalation.Performed);
        var reply = seed.Build(ResponseSeed.Completed, ChatShapes.ModelName(response.Route, response.Escalation.Needed), response.Answer, response);
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, reply, ResponseJson, context.RequestAborted).ConfigureAwait(false);
    }
}
