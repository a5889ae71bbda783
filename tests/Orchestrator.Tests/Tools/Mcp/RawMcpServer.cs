using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// A hand-written streamable HTTP MCP endpoint on 127.0.0.1 that answers with whatever JSON a test
/// gives it: the SDK's own server never sends a malformed schema or result, a broken server does.
/// </summary>
internal static class RawMcpServer
{
    /// <param name="toolsList">The <c>result</c> of tools/list, as JSON.</param>
    /// <param name="toolsCall">The <c>result</c> of tools/call, as JSON.</param>
    /// <param name="calls">Counts the tools/call requests that reached the server.</param>
    /// <param name="dropCalls">While above zero, a tools/call is received and then its connection is aborted (and the count lowered): a server that breaks mid-call.</param>
    /// <param name="state">A tools/list answer the test changes while the server runs, and list_changed notifications it pushes (the GET stream); overrides <paramref name="toolsList"/>.</param>
    public static Task<LoopbackMcpHost> StartAsync(
        string toolsList, string toolsCall = """{"content":[{"type":"text","text":"ok"}]}""", StrongBox<int>? calls = null, StrongBox<int>? dropCalls = null,
        RawMcpServerState? state = null)
        => LoopbackMcpHost.StartAsync(_ => { }, (app, _) =>
        {
            app.MapGet("/mcp", (Func<HttpContext, Task<IResult>>)(context => state is null ? Task.FromResult(Results.StatusCode(405)) : StreamNotificationsAsync(context, state)));
            app.MapPost("/mcp", (Func<HttpContext, Task<IResult>>)(context => AnswerAsync(context, toolsList, toolsCall, calls, dropCalls, state)));
        });

    private static async Task<IResult> StreamNotificationsAsync(HttpContext context, RawMcpServerState state)
    {
        state.CountStream();
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var message in state.Notifications.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync($"event: message\ndata: {message}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed the stream (disposed or reconnecting).
        }

        return Results.Empty;
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext context, string toolsList, string toolsCall, StrongBox<int>? calls, StrongBox<int>? dropCalls, RawMcpServerState? state)
    {
        var message = await JsonNode.ParseAsync(context.Request.Body);
        var method = message?["method"]?.GetValue<string>();
        if (message?["id"] is not { } id)
        {
            return Results.Accepted();
        }

        if (method == "tools/call")
        {
            if (calls is not null)
            {
                Interlocked.Increment(ref calls.Value);
            }

            if (dropCalls is not null && Interlocked.Decrement(ref dropCalls.Value) >= 0)
            {
                context.Abort();
                return Results.Empty;
            }
        }

        var result = method switch
        {
            "initialize" => new JsonObject
            {
                ["protocolVersion"] = message["params"]?["protocolVersion"]?.DeepClone(),
                ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                ["serverInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1.0" },
            },
            "tools/list" => JsonNode.Parse(state?.ToolsList ?? toolsList),
            "tools/call" => JsonNode.Parse(toolsCall),
            _ => null,
        };
        if (method == "tools/list")
        {
            state?.CountList();
        }

        if (method == "initialize" && state is not null)
        {
            context.Response.Headers["Mcp-Session-Id"] = "raw-session";
        }

        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone() };
        if (result is null && method is not ("tools/list" or "tools/call"))
        {
            reply["error"] = new JsonObject { ["code"] = -32601, ["message"] = $"method {method} not found" };
        }
        else
        {
            reply["result"] = result;
        }

        return Results.Text(reply.ToJsonString(), "application/json");
    }
}
