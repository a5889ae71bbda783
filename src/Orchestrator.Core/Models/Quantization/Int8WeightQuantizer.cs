using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Orchestrator.Models.Quantization;

/// <summary>
/// Dynamic int8 weight quantization of an ONNX model, in memory: every <c>MatMul</c> whose second
/// input is a float [K, N] initializer becomes ONNX Runtime's <c>com.microsoft</c>
/// <c>DynamicQuantizeMatMul</c> with int8 weights in the reduced range -63..63, one symmetric scale
/// per output column (max |w| / 63) and zero points 0; activations are quantized per run by the
/// operator itself (uint8, 0..255).
/// A transformer encoder reads its weights on every run, so a quarter of the bytes is most of the
/// win for one short sentence (docs/benchmarks.md, "int8 embedder"). The result depends only on
/// the input bytes, so no quantized model needs to be stored.
/// </summary>
internal static class Int8WeightQuantizer
{
    /// <summary>The operator domain of ONNX Runtime's contrib operators.</summary>
    internal const string MicrosoftDomain = "com.microsoft";

    /// <summary>
    /// Symmetric 7-bit range, -63..63 (ONNX Runtime's "reduce_range"), so a column's scale maps its
    /// largest weight exactly. Why not -127..127: on x86 CPUs without AVX-512 VNNI / AVX-VNNI, ONNX
    /// Runtime's uint8 x int8 kernel multiplies byte pairs with <c>vpmaddubsw</c>, whose 16-bit sum
    /// saturates above 32,767 (255 x 127 x 2 = 64,770), while VNNI CPUs sum exactly. Full-range weights
    /// therefore gave different vectors, and different routing decisions, on the two kinds of CPU
    /// (a sample typo request routed to hr-policy on a Zen 3 and to leave-balance on a Zen 4).
    /// With |w| &lt;= 63 a pair is at most 255 x 63 x 2 = 32,130, so both kernels sum exactly and agree.
    /// </summary>
    internal const int WeightMax = 63;

    /// <summary>
    /// Quantizes <paramref name="model"/>. Throws <see cref="InvalidDataException"/>, saying what was
    /// found, when the bytes are not an ONNX model, keep weights outside the file, or hold no MatMul
    /// with a float [K, N] weight (nothing to quantize would mean an unexpected graph, not a fast one).
    /// </summary>
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="modelName">Names the model in error messages.</param>
    public static QuantizedModel Quantize(byte[] model, string modelName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        if (!BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException($"{modelName}: int8 quantization reads raw little-endian float weights and does not run on a big-endian machine; set quantization: none.");
        }

        var proto = Parse(model, modelName);
        var graph = proto.Graph;
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            initializers[initializer.Name] = initializer;
        }

        var uses = CountUses(graph);
        var taken = new HashSet<string>(initializers.Keys, StringComparer.Ordinal);
        var replaced = 0;
        var weightBytesBefore = 0L;
        var weightBytesAfter = 0L;
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            if (!IsQuantizable(node, initializers, out var weight))
            {
                continue;
            }

            var (quantized, scales, zeroPoints) = QuantizeWeight(weight, taken);
            graph.Initializer.Add(quantized);
            graph.Initializer.Add(scales);
            graph.Initializer.Add(zeroPoints);
            graph.Node[i] = Replacement(node, quantized.Name, scales.Name, zeroPoints.Name, taken);
            weightBytesBefore += weight.Dims[0] * weight.Dims[1] * sizeof(float);
            weightBytesAfter += quantized.RawData.Length + scales.RawData.Length + zeroPoints.RawData.Length;

            // A weight another node also reads stays; one only this MatMul read goes.
            if (--uses[weight.Name] == 0)
            {
                graph.Initializer.Remove(weight);
            }

            replaced++;
        }

        if (replaced == 0)
        {
            var ops = string.Join(", ", graph.Node.GroupBy(n => n.OpType, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
            throw new InvalidDataException(
                $"{modelName}: no MatMul with a float [K, N] initializer weight to quantize (graph holds: {(ops.Length == 0 ? "no nodes" : ops)}); " +
                "int8 quantization expects a transformer encoder exported with plain MatMul weights. Set quantization: none to run it unquantized.");
        }

        if (!proto.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return new QuantizedModel(proto.ToByteArray(), replaced, weightBytesBefore, weightBytesAfter);
    }

    private static ModelProto Parse(byte[] model, string modelName)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{modelName}: the {model.Length} bytes are not an ONNX model ({ex.Message}); int8 quantization needs the ONNX protobuf file.", ex);
        }

        if (proto.Graph is null || proto.Graph.Node.Count == 0)
        {
            throw new InvalidDataException($"{modelName}: the ONNX model has no graph nodes ({model.Length} bytes); int8 quantization needs the encoder's graph.");
        }

        if (proto.Graph.Initializer.Any(i => i.DataLocation == TensorProto.Types.DataLocation.External))
        {
            throw new InvalidDataException($"{modelName}: the model keeps weights in external data files, which in-memory quantization cannot read; set quantization: none.");
        }

        return proto;
    }

    private static Dictionary<string, int> CountUses(GraphProto graph)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)))
        {
            uses[input] = uses.GetValueOrDefault(input) + 1;
        }

        return uses;
    }

    private static bool IsQuantizable(NodeProto node, Dictionary<string, TensorProto> initializers, out TensorProto weight)
    {
        weight = null!;
        return node.OpType == "MatMul" && node.Domain.Length == 0 && node.Input.Count == 2 && node.Output.Count == 1
            && initializers.TryGetValue(node.Input[1], out weight!)
            && weight.DataType == (int)TensorProto.Types.DataType.Float
            && weight.Dims.Count == 2 && weight.Dims[0] > 0 && weight.Dims[1] > 0
            && FloatCount(weight) == weight.Dims[0] * weight.Dims[1];
    }

    private static long FloatCount(TensorProto weight) =>
        weight.RawData.Length > 0 ? weight.RawData.Length / sizeof(float) : weight.FloatData.Count;

    private static (TensorProto Quantized, TensorProto Scales, TensorProto ZeroPoints) QuantizeWeight(TensorProto weight, HashSet<string> taken)
    {
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        ReadOnlySpan<float> values = weight.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(weight.RawData.Span)
            : [.. weight.FloatData];
        var scales = ColumnScales(values, rows, columns);
        var quantized = new byte[rows * columns];
        for (var k = 0; k < rows; k++)
        {
            var row = values.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                var q = (int)MathF.Round(row[n] / scales[n], MidpointRounding.ToEven);
                quantized[(k * columns) + n] = unchecked((byte)(sbyte)Math.Clamp(q, -WeightMax, WeightMax));
            }
        }

        return (
            Tensor(UniqueName(weight.Name + "_int8", taken), TensorProto.Types.DataType.Int8, quantized, rows, columns),
            Tensor(UniqueName(weight.Name + "_scale", taken), TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray(), columns),
            Tensor(UniqueName(weight.Name + "_zero_point", taken), TensorProto.Types.DataType.Int8, new byte[columns], columns));
    }

    /// <summary>max |w| / <see cref="WeightMax"/> per column; an all-zero column gets 1 so it quantizes to zeros, not NaN.</summary>
    private static float[] ColumnScales(ReadOnlySpan<float> values, int rows, int columns)
    {
        var scales = new float[columns];
        for (var k = 0; k < rows; k++)
        {
            var row = values.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                scales[n] = MathF.Max(scales[n], MathF.Abs(row[n]));
            }
        }

        for (var n = 0; n < columns; n++)
        {
            scales[n] = scales[n] > 0 && float.IsFinite(scales[n]) ? scales[n] / WeightMax : 1f;
        }

        return scales;
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, byte[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static NodeProto Replacement(NodeProto matMul, string weight, string scale, string zeroPoint, HashSet<string> taken)
    {
        var node = new NodeProto
        {
            OpType = "DynamicQuantizeMatMul",
            Domain = MicrosoftDomain,
            Name = UniqueName((matMul.Name.Length > 0 ? matMul.Name : matMul.Output[0]) + "_int8", taken),
        };
        node.Input.Add([matMul.Input[0], weight, scale, zeroPoint]);
        node.Output.Add(matMul.Output[0]);
        return node;
    }

    private static string UniqueName(string wanted, HashSet<string> taken)
    {
        var name = wanted;
        for (var i = 2; !taken.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }
}
