using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// <c>POST /v1/responses</c>: the OpenAI Responses API over the same pipeline call as chat completions (same
/// parser checks, tenant, caller, headers and metadata), as a response object or as Responses stream events.
/// </summary>
internal sealed class ResponsesEndpoint(HostedOrchestrator orchestrator, ServeSettings settings, IResponseConversations stored, TimeProvider time, ILogger<ResponsesEndpoint> logger)
{
    private static readonly JsonTypeInfo<ResponseObject> ResponseJson = ServeJson.TypeInfo<ResponseObject>(ServeJson.Options);

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ApiRequests.ReadBodyAsync(context, orchestrator, settings).ConfigureAwait(false);
        var parsed = ResponsesRequestParser.Parse(body, orchestrator.Config, settings.Server);
        var request = ApiRequests.ToPipeline(parsed.Chat, context, settings);
        var owner = StoredResponses.Owner(ApiKeyAuthenticator.Caller(context)?.Name, request);
        var earlier = await ContinuedAsync(parsed, owner, context.RequestAborted).ConfigureAwait(false);
        request = request with { History = [.. earlier, .. parsed.Chat.History] };
        var seed = new ResponseSeed(ApiRequests.NewId("resp_", 24), ApiRequests.NewId("msg_", 24), time.GetUtcNow().ToUnixTimeSeconds(), parsed)
        {
            Stored = stored.Enabled && parsed.Store,
        };
        // Not the request's token: the answer is complete, and a client that hangs up now may still continue it.
        Task Keep(string answer) =>
            seed.Stored ? stored.KeepAsync(seed.Id, owner, Conversation(earlier, parsed, answer), CancellationToken.None).AsTask() : Task.CompletedTask;

        if (parsed.Chat.Stream)
        {
            await new ResponsesStreamWriter(context.Response, seed, logger, Keep)
                .WriteAsync(orchestrator.StreamAsync(request, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = await orchestrator.AskAsync(request, context.RequestAborted).ConfigureAwait(false);
        ServeLog.Answered(logger, response);
        ServeHeaders.Set(context.Response, response.Route, response.Escalation.Performed);
        await Keep(response.Answer).ConfigureAwait(false);
        var reply = seed.Build(ResponseSeed.Completed, ChatShapes.ModelName(response.Route, response.Escalation.Needed), response.Answer, response);
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, reply, ResponseJson, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The kept turns of <c>previous_response_id</c> (none without it), the oldest dropped so that they and the
    /// request's own turns fit server.max_messages. An id that is unknown, expired or another caller's is a 400.
    /// </summary>
    private async Task<IReadOnlyList<ConversationTurn>> ContinuedAsync(ResponsesRequest parsed, string owner, CancellationToken cancellationToken)
    {
        if (parsed.PreviousResponseId is not { } id)
        {
            return [];
        }

        var turns = await stored.FindAsync(id, owner, cancellationToken).ConfigureAwait(false) ?? throw ApiException.BadRequest(
            $"previous_response_id '{EchoedText.Shorten(id)}' is not known here: responses are kept {settings.Server.StoredResponses!.TtlSeconds} s {stored.Where} (server.stored_responses), for the caller that made them, and not when sent with store: false; send the whole conversation in 'input' instead",
            "previous_response_not_found",
            "previous_response_id");
        var room = Math.Max(0, settings.Server.MaxMessages - parsed.Chat.History.Count - 1);
        return turns.Count <= room ? turns : [.. turns.Skip(turns.Count - room)];
    }

    /// <summary>What a continuation sees: the earlier turns, this request's (without its instructions, which OpenAI does not carry over), the question and the answer.</summary>
    private static List<ConversationTurn> Conversation(IReadOnlyList<ConversationTurn> earlier, ResponsesRequest parsed, string answer)
    {
        var own = parsed.Chat.History.Skip(string.IsNullOrWhiteSpace(parsed.Instructions) ? 0 : 1);
        return [.. earlier, .. own, new ConversationTurn(ConversationTurn.User, parsed.Chat.Text), new ConversationTurn(ConversationTurn.Assistant, answer)];
    }
}
