using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Models.Onnx;

/// <summary>
/// <see cref="IChatClient"/> over an ONNX Runtime GenAI model. The model loads on first use; decoding
/// runs on a background thread, one token at a time, so callers can stream and cancel between tokens.
/// </summary>
public sealed class OnnxGenAIChatClient : IChatClient
{
    private readonly string _folder;
    private readonly Func<IOnnxBackend> _load;
    private readonly OnnxProviderOptions _options;
    private readonly ILogger _logger;
    private readonly ModelSlots _slots;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _loadGate = new();
    private readonly HashSet<Task> _producers = [];
    private IOnnxBackend? _backend;
    private bool _disposed;

    internal OnnxGenAIChatClient(string folder, Func<IOnnxBackend> load, OnnxProviderOptions options, ILogger logger)
    {
        options.Validate();
        _folder = folder;
        _load = load;
        _options = options;
        _logger = logger;
        _slots = new ModelSlots(folder, options, logger);
    }

    public string ModelFolder => _folder;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = messages.ToList();
        using var slot = await _slots.AcquireAsync(cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var responseId = Guid.NewGuid().ToString("N");
        // Started unconditionally (not with the token) so the channel is always completed.
        // LongRunning: a decode can take seconds per token on small CPUs; keep it off the thread pool.
        var producer = Track(Task.Factory.StartNew(
            () => Produce(list, options, responseId, channel.Writer, linked.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken))
            {
                // ReadAllAsync drains buffered items without looking at the token; the decoder can run ahead.
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }

            await producer;
        }
        finally
        {
            // The caller may stop early (break, cancellation): stop decoding and wait for the native
            // generator to be disposed before the slot is released, so the next request starts clean.
            await linked.CancelAsync();
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void Produce(List<ChatMessage> messages, ChatOptions? options, string responseId,
        ChannelWriter<ChatResponseUpdate> writer, CancellationToken cancellationToken)
    {
        try
        {
            var backend = Backend();
            var settings = new GenerationSettings(options?.MaxOutputTokens ?? _options.DefaultMaxOutputTokens,
                options?.Temperature, options?.TopP, options?.TopK, options?.Seed, JsonSchemaOf(options?.ResponseFormat));
            var filter = new StopSequenceFilter(options?.StopSequences);
            using var generation = backend.Start(backend.FormatPrompt(messages), settings);
            var produced = 0;
            var reason = ChatFinishReason.Stop;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (produced >= settings.MaxOutputTokens)
                {
                    reason = ChatFinishReason.Length;
                    break;
                }

                if (!generation.TryNextToken(out var piece))
                {
                    break;
                }

                produced++;
                Emit(writer, responseId, filter.Push(piece));
                if (filter.Stopped)
                {
                    break;
                }
            }

            Emit(writer, responseId, filter.Flush());
            OnnxLog.GenerationFinished(_logger, generation.PromptTokens, produced, reason.Value);
            writer.TryWrite(new ChatResponseUpdate(ChatRole.Assistant,
                [new UsageContent(new UsageDetails
                {
                    InputTokenCount = generation.PromptTokens,
                    OutputTokenCount = produced,
                    TotalTokenCount = generation.PromptTokens + produced,
                })])
            {
                ResponseId = responseId,
                FinishReason = reason,
            });
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>
    /// A schema response format becomes guidance; plain JSON (no schema) gets the any-object schema
    /// so it is still valid JSON. Text (or none) is unguided.
    /// </summary>
    internal static string? JsonSchemaOf(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => schema.GetRawText(),
        ChatResponseFormatJson => """{"type":"object"}""",
        _ => null,
    };

    private static void Emit(ChannelWriter<ChatResponseUpdate> writer, string responseId, string text)
    {
        if (text.Length > 0)
        {
            writer.TryWrite(new ChatResponseUpdate(ChatRole.Assistant, text) { ResponseId = responseId });
        }
    }

    /// <summary>Registers a decode so Dispose can wait for it before freeing the native model.</summary>
    private Task Track(Task producer)
    {
        lock (_loadGate)
        {
            _producers.Add(producer);
        }

        producer.ContinueWith(done =>
        {
            lock (_loadGate)
            {
                _producers.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return producer;
    }

    private IOnnxBackend Backend()
    {
        lock (_loadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Not cached on failure: a folder fixed while the process runs is picked up on the next request.
            return _backend ??= _load();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("onnxruntime-genai", null, Path.GetFileName(_folder))
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        Task[] running;
        lock (_loadGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = [.. _producers];
        }

        _shutdown.Cancel();
        // In-flight decodes stop at their next token; wait for them (not for callers still holding a
        // stream open) so the native model is not freed under a running generator. Dispose is
        // synchronous by contract, hence the blocking wait, bounded in case a native call hangs.
        Task.WaitAll(running.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default)).ToArray(), TimeSpan.FromSeconds(30));
        _backend?.Dispose();
        _slots.Dispose();
        _shutdown.Dispose();
    }
}
