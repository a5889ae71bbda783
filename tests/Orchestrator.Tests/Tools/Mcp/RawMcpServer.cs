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
    public static Task<LoopbackMcpHost> StartAsync(
        string toolsList, string toolsCall = """{"content":[{"type":"text","text":"ok"}]}""", StrongBox<int>? calls = null, StrongBox<int>? dropCalls = null)
        => LoopbackMcpHost.StartAsync(_ => { }, (app, _) => app.MapPost("/mcp", async (HttpContext context) =>
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
                "tools/list" => JsonNode.Parse(toolsList),
                "tools/call" => JsonNode.Parse(toolsCall),
                _ => null,
            };
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
        }));
}
