using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Turns pipeline stream events into the Responses API's server-sent events (<c>event:</c> and <c>data:</c>
/// lines, each with a <c>sequence_number</c>): response.created, response.in_progress, output_item.added,
/// content_part.added, one output_text.delta per answer delta, then output_text.done, content_part.done,
/// output_item.done and response.completed (with usage and the <c>orchestrator</c> metadata). The deltas are
/// exactly the pipeline's, which holds text back until the output rails passed it, as on chat streams. A
/// pipeline stop (a guardian rail, a broken cloud stream) is <c>response.failed</c> with the text already shown;
/// a server failure after the first byte is an <c>error</c> event, because the status is already sent.
/// </summary>
internal sealed class ResponsesStreamWriter : IPipelineStreamSink
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("event: ");
    private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes("\ndata: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");

    private readonly HttpResponse _response;
    private readonly ResponseSeed _seed;
    private readonly ILogger _logger;
    private readonly Func<string, Task>? _completed;
    private readonly StringBuilder _shown = new();
    private string _model = ChatRequest.AutoModel;
    private int _sequence;

    /// <param name="completed">Called with the answer's text once it completed (to keep the conversation for previous_response_id).</param>
    public ResponsesStreamWriter(HttpResponse response, ResponseSeed seed, ILogger logger, Func<string, Task>? completed = null)
    {
        _response = response;
        _seed = seed;
        _logger = logger;
        _completed = completed;
    }

    public Task WriteAsync(IAsyncEnumerable<PipelineStreamEvent> events, CancellationToken cancellationToken) =>
        PipelineStreamPump.RunAsync(events, this, _logger, cancellationToken);

    public async Task StartAsync(StreamStarted? started, CancellationToken cancellationToken)
    {
        _model = ServeHeaders.StartEventStream(_response, started);
        var draft = _seed.Build(ResponseSeed.InProgress, _model, text: null);
        await WriteEventAsync("response.created", w => Write(w, "response", draft), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync("response.in_progress", w => Write(w, "response", draft), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync("response.output_item.added", w => WriteItem(w, _seed.Message(ResponseSeed.InProgress, text: null)), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync("response.content_part.added", w => WritePart(w, ResponseSeed.Part("")), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>True when the event ended the stream.</returns>
    public async Task<bool> WriteEventAsync(PipelineStreamEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case AnswerDelta delta:
                _shown.Append(delta.Text);
                await WriteEventAsync("response.output_text.delta", w =>
                {
                    WritePosition(w, withContentIndex: true);
                    w.WriteString("delta", delta.Text);
                    w.WriteStartArray("logprobs");
                    w.WriteEndArray();
                }, cancellationToken).ConfigureAwait(false);
                return false;
            case StreamCompleted completed:
                ServeLog.Answered(_logger, completed.Response);
                await FinishAsync(completed.Response, cancellationToken).ConfigureAwait(false);
                return true;
            case StreamFailed failed:
                if (failed.Response is { } response)
                {
                    ServeLog.Answered(_logger, response);
                }

                var stopped = _seed.Build(ResponseSeed.Failed, _model, _shown.ToString(), failed.Response, new ResponseErrorInfo("stream_failed", failed.Message));
                await WriteEventAsync("response.failed", w => Write(w, "response", stopped), cancellationToken).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private async Task FinishAsync(OrchestratorResponse response, CancellationToken cancellationToken)
    {
        // The text the deltas showed, which the pipeline's completed answer equals.
        var text = _shown.ToString();
        await WriteEventAsync("response.output_text.done", w =>
        {
            WritePosition(w, withContentIndex: true);
            w.WriteString("text", text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);
        await WriteEventAsync("response.content_part.done", w => WritePart(w, ResponseSeed.Part(text)), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync("response.output_item.done", w => WriteItem(w, _seed.Message(ResponseSeed.Completed, text)), cancellationToken).ConfigureAwait(false);
        if (_completed is not null)
        {
            await _completed(text).ConfigureAwait(false);
        }
        var done = _seed.Build(ResponseSeed.Completed, _model, text, response);
        await WriteEventAsync("response.completed", w => Write(w, "response", done), cancellationToken).ConfigureAwait(false);
    }

    public Task WriteErrorAsync(string message, CancellationToken cancellationToken) =>
        WriteEventAsync("error", w =>
        {
            w.WriteString("code", "stream_failed");
            w.WriteString("message", message);
            w.WriteNull("param");
        }, cancellationToken);

    private void WriteItem(Utf8JsonWriter writer, ResponseMessageItem item)
    {
        writer.WriteNumber("output_index", 0);
        Write(writer, "item", item);
    }

    private void WritePart(Utf8JsonWriter writer, ResponseTextPart part)
    {
        WritePosition(writer, withContentIndex: true);
        Write(writer, "part", part);
    }

    private void WritePosition(Utf8JsonWriter writer, bool withContentIndex)
    {
        writer.WriteString("item_id", _seed.MessageId);
        writer.WriteNumber("output_index", 0);
        if (withContentIndex)
        {
            writer.WriteNumber("content_index", 0);
        }
    }

    private static void Write<T>(Utf8JsonWriter writer, string name, T value)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, ServeJson.Options);
    }

    private async Task WriteEventAsync(string type, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ServeJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteNumber("sequence_number", _sequence++);
            fields(writer);
            writer.WriteEndObject();
        }

        await _response.Body.WriteAsync(EventPrefix, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(Encoding.UTF8.GetBytes(type), cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
