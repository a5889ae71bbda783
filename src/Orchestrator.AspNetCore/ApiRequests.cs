using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>What the chat completions and Responses endpoints do alike before and around the pipeline call.</summary>
internal static class ApiRequests
{
    /// <summary>The body within server.max_body_bytes (413), once the orchestrator is known to have started and its store file is there (503).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, HostedOrchestrator orchestrator, ServeSettings settings)
    {
        var body = await RequestBody.ReadAsync(context.Request, settings.Server.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (orchestrator.StartupFailure is not null)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "the orchestrator failed to start; the server log has the details", ApiErrors.ServerError);
        }

        // A deleted store file would otherwise answer from connections still holding it, or fail the retrieval quietly.
        if (orchestrator.IsReady && StoreFile.IsMissing(await orchestrator.GetRuntimeAsync(context.RequestAborted).ConfigureAwait(false)))
        {
            ServeLog.StoreFileMissing(context.RequestServices.GetRequiredService<ILogger<HostedOrchestrator>>());
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, StoreFile.MissingReason, ApiErrors.ServerError);
        }

        return body;
    }

    /// <summary>The pipeline request: the key's tenant, the caller from the identity headers, the turns.</summary>
    public static OrchestratorRequest ToPipeline(ChatRequest chat, HttpContext context, ServeSettings settings) => new(chat.Text, chat.Agent)
    {
        History = chat.History,
        Tenant = ApiKeyAuthenticator.Caller(context)?.Tenant,
        EscalationRequested = chat.EscalationRequested,
        Caller = CallerIdentityResolver.Resolve(context, settings.Server),
    };

    /// <summary><paramref name="prefix"/> and random hex digits (two per byte), from a stack buffer rather than a fresh array per reply.</summary>
    public static string NewId(string prefix, int randomBytes)
    {
        Span<byte> random = stackalloc byte[randomBytes];
        RandomNumberGenerator.Fill(random);
        return prefix + Convert.ToHexStringLower(random);
    }
}
