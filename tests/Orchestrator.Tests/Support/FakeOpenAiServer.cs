using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Tests.Support;

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Model => Json?["model"]?.GetValue<string>();

    public bool Stream => Json?["stream"]?.GetValue<bool>() ?? false;

    /// <summary>The text content of each message, in order, with its role.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json?["messages"]?.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentText(m["content"]))).ToList() ?? [];

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    private static string ContentText(JsonNode? content) => content switch
    {
        null => "",
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => content.GetValue<string>(),
    };
}

/// <summary>
/// A loopback server speaking the OpenAI Chat Completions protocol, for tests that drive the real
/// OpenAI SDK: scripted replies are served in order, then <see cref="DefaultReply"/>; every request
/// is recorded. Reusable for generation, tool calling and escalation tests.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<FakeOpenAiReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private FakeOpenAiServer(HttpListener listener, int port)
    {
        _listener = listener;
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1");
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The base URL to configure as a model's <c>endpoint</c>.</summary>
    public Uri Endpoint { get; }

    public FakeOpenAiReply DefaultReply { get; set; } = FakeOpenAiReply.WithText("OK");

    /// <summary>
    /// When set, chooses the reply for every request that has no scripted reply (instead of
    /// <see cref="DefaultReply"/>): fault injection at a rate, or replies that depend on the request.
    /// </summary>
    public Func<RecordedRequest, FakeOpenAiReply>? Responder { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static FakeOpenAiServer Start()
    {
        // HttpListener cannot bind port 0, so borrow a free port from the OS; retry if someone takes it first.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeOpenAiServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public FakeOpenAiServer Enqueue(params FakeOpenAiReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = await RecordAsync(context.Request);
            var reply = _script.TryDequeue(out var next) ? next : Responder?.Invoke(request) ?? DefaultReply;
            if (reply.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stopping.Token);
            }

            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stopping.Token);
            }

            if (reply.ResetConnection)
            {
                // HttpListener always writes headers before it closes, so promise a body and drop
                // the connection after two bytes: the client sees the connection fail mid-response.
                context.Response.ContentLength64 = 4096;
                await context.Response.OutputStream.WriteAsync("{\""u8.ToArray());
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            }

            await WriteAsync(context.Response, request, reply);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up or the server is stopping; nothing to answer.
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.HttpMethod, request.Url?.AbsolutePath ?? "", headers, body);
        _requests.Enqueue(recorded);
        return recorded;
    }

    private static async Task WriteAsync(HttpListenerResponse response, RecordedRequest request, FakeOpenAiReply reply)
    {
        response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } retryAfter)
        {
            response.AddHeader("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (reply.RawBody is not null)
        {
            await WriteBodyAsync(response, "application/json", reply.RawBody);
            return;
        }

        var model = request.Model ?? "fake-model";
        if (!request.Stream)
        {
            await WriteBodyAsync(response, "application/json", FakeOpenAiPayloads.Completion(model, reply).ToJsonString());
            return;
        }

        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var stream = response.OutputStream;
        var sent = 0;
        foreach (var chunk in FakeOpenAiPayloads.StreamChunks(model, reply))
        {
            if (reply.CutStreamAfterChunks is { } cut && sent++ >= cut)
            {
                await stream.FlushAsync();
                response.Abort();
                return;
            }

            var bytes = Encoding.UTF8.GetBytes($"data: {chunk.ToJsonString()}\n\n");
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }

        await stream.WriteAsync("data: [DONE]\n\n"u8.ToArray());
    }

    private static async Task WriteBodyAsync(HttpListenerResponse response, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
