using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Turns pipeline stream events into OpenAI server-sent events: a role chunk, one chunk per answer
/// delta, a finish chunk, then an extension chunk with empty <c>choices</c> carrying the
/// <c>orchestrator</c> metadata (and usage), then <c>data: [DONE]</c>. A failure after the first
/// byte becomes a <c>data: {"error":...}</c> event before [DONE], because the status is already sent.
/// </summary>
internal sealed class ChatStreamWriter : IPipelineStreamSink
{
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
    private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes("data: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");

    private readonly HttpResponse _response;
    private readonly string _id;
    private readonly long _created;
    private readonly bool _includeUsage;
    private readonly ILogger _logger;
    private string _model = ChatRequest.AutoModel;

    public ChatStreamWriter(HttpResponse response, string id, long created, bool includeUsage, ILogger logger)
    {
        _response = response;
        _id = id;
        _created = created;
        _includeUsage = includeUsage;
        _logger = logger;
    }

    public async Task WriteAsync(IAsyncEnumerable<PipelineStreamEvent> events, CancellationToken cancellationToken)
    {
        await PipelineStreamPump.RunAsync(events, this, _logger, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(StreamStarted? started, CancellationToken cancellationToken)
    {
        _model = ServeHeaders.StartEventStream(_response, started);
        await WriteChunkAsync(Chunk(new ChunkDelta("assistant", ""), null), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>True when the event ended the stream.</returns>
    public async Task<bool> WriteEventAsync(PipelineStreamEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case AnswerDelta delta:
                await WriteChunkAsync(Chunk(new ChunkDelta(null, delta.Text), null), cancellationToken).ConfigureAwait(false);
                return false;
            case StreamCompleted completed:
                ServeLog.Answered(_logger, completed.Response);
                await WriteChunkAsync(Chunk(new ChunkDelta(null, null), "stop"), cancellationToken).ConfigureAwait(false);
                await WriteChunkAsync(Final(completed.Response), cancellationToken).ConfigureAwait(false);
                return true;
            case StreamFailed failed:
                if (failed.Response is { } response)
                {
                    ServeLog.Answered(_logger, response);
                }

                await WriteErrorAsync(failed.Message, cancellationToken, failed.Response).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private ChatChunk Chunk(ChunkDelta delta, string? finishReason) =>
        new(_id, ChatShapes.ChunkObject, _created, _model, [new ChunkChoice(0, delta, finishReason)]);

    private ChatChunk Final(OrchestratorResponse response) =>
        new(_id, ChatShapes.ChunkObject, _created, _model, [])
        {
            Usage = _includeUsage ? ChatShapes.Usage(response) : null,
            Orchestrator = ChatShapes.Metadata(response),
        };

    private Task WriteChunkAsync(ChatChunk chunk, CancellationToken cancellationToken) =>
        WriteDataAsync(JsonSerializer.SerializeToUtf8Bytes(chunk, ServeJson.Options), cancellationToken);

    public Task WriteErrorAsync(string message, CancellationToken cancellationToken) => WriteErrorAsync(message, cancellationToken, null);

    private Task WriteErrorAsync(string message, CancellationToken cancellationToken, OrchestratorResponse? response)
    {
        var error = new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = "server_error", ["param"] = null, ["code"] = "stream_failed" },
        };
        if (response is not null)
        {
            error["orchestrator"] = ChatShapes.Metadata(response);
        }

        return WriteDataAsync(JsonSerializer.SerializeToUtf8Bytes(error, ServeJson.Options), cancellationToken);
    }

    private async Task WriteDataAsync(byte[] json, CancellationToken cancellationToken)
    {
        await _response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
