using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// A loopback stand-in for an OpenAI Chat Completions endpoint: it answers each POST with the next
/// scripted completion (tool calls or text) and keeps the request bodies so tests can check what
/// the client sent back, e.g. tool results.
/// </summary>
internal sealed class ToolCallingOpenAiStub : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _responses = new();
    private readonly Task _loop;

    public ToolCallingOpenAiStub()
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public ToolCallingOpenAiStub ThenToolCalls(params (string Name, string ArgumentsJson)[] calls)
    {
        var toolCalls = new JsonArray();
        foreach (var (name, arguments) in calls)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8],
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            });
        }

        return Enqueue(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls }, "tool_calls");
    }

    public ToolCallingOpenAiStub ThenText(string text) =>
        Enqueue(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

    public ChatClientFactory Client => new(BaseUri);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private ToolCallingOpenAiStub Enqueue(JsonObject message, string finishReason)
    {
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-" + _responses.Count,
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "stub-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        _responses.Enqueue(completion.ToJsonString());
        return this;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (JsonNode.Parse(body) is JsonObject request)
            {
                Requests.Enqueue(request);
            }

            var (status, payload) = _responses.TryDequeue(out var next)
                ? (200, next)
                : (500, """{"error":{"message":"stub has no scripted response left","type":"server_error","code":null}}""");
            var bytes = Encoding.UTF8.GetBytes(payload);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>The real OpenAI client, pointed at the stub, as an IChatClient.</summary>
internal sealed class ChatClientFactory(Uri endpoint)
{
    public Microsoft.Extensions.AI.IChatClient Create() =>
        Microsoft.Extensions.AI.OpenAIClientExtensions.AsIChatClient(
            new OpenAI.Chat.ChatClient(
                "stub-model",
                new System.ClientModel.ApiKeyCredential("test"),
                new OpenAI.OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = TimeSpan.FromSeconds(30) }));
}
