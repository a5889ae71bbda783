using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Orchestrator.Models;
using Orchestrator.Models.Quantization;

namespace Orchestrator.Tests.Models.Quantization;

/// <summary>The quantizer on small hand-built graphs: what it rewrites, what it leaves, what it refuses.</summary>
public sealed class Int8WeightQuantizerTests
{
    private const int K = 4;
    private const int N = 3;

    /// <summary>Column 0 spans ±1, column 1 is all zero, column 2 is tiny: each scale is per column.</summary>
    private static readonly float[] Weights =
    [
        1.0f, 0f, 0.0011f,
        -0.6f, 0f, -0.002f,
        0.25f, 0f, 0.0005f,
        -1.0f, 0f, 0.0015f,
    ];

    [Fact]
    public void A_matmul_with_a_float_weight_becomes_an_int8_dynamic_matmul()
    {
        var result = Int8WeightQuantizer.Quantize(Model(Weights).ToByteArray(), "tiny");

        Assert.Equal(1, result.QuantizedMatMuls);
        Assert.Equal(K * N * sizeof(float), result.WeightBytesBefore);
        Assert.Equal((K * N) + (N * sizeof(float)) + N, result.WeightBytesAfter);
        var model = ModelProto.Parser.ParseFrom(result.Bytes);
        var node = Assert.Single(model.Graph.Node);
        Assert.Equal("DynamicQuantizeMatMul", node.OpType);
        Assert.Equal(Int8WeightQuantizer.MicrosoftDomain, node.Domain);
        Assert.Equal(["X", "W_int8", "W_scale", "W_zero_point"], node.Input);
        Assert.Equal("Y", Assert.Single(node.Output));
        Assert.Contains(model.OpsetImport, o => o.Domain == Int8WeightQuantizer.MicrosoftDomain);

        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name);
        Assert.False(initializers.ContainsKey("W"), "the float weight only the MatMul read is removed");
        var q = initializers["W_int8"];
        Assert.Equal((int)TensorProto.Types.DataType.Int8, q.DataType);
        Assert.Equal([K, N], q.Dims);
        var scales = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(initializers["W_scale"].RawData.Span).ToArray();
        Assert.Equal(1f / 63f, scales[0], 6);
        Assert.Equal(1f, scales[1]);
        Assert.Equal(0.002f / 63f, scales[2], 9);
        var values = q.RawData.ToByteArray().Select(b => (sbyte)b).ToArray();
        Assert.Equal([63, 0, 35, -38, 0, -63, 16, 0, 16, -63, 0, 47], values);
        Assert.All(initializers["W_zero_point"].RawData.ToByteArray(), b => Assert.Equal(0, b));
    }

    /// <summary>
    /// ONNX Runtime's uint8 x int8 kernel on x86 CPUs without VNNI adds each pair of byte products in a
    /// saturating 16-bit lane (vpmaddubsw), VNNI CPUs add exactly; the two agree only when
    /// 255 x (|w1| + |w2|) fits in 32,767 for every pair of weights. Full-range weights (|w| up to 127)
    /// did not, and the sample's typo request "how mnay vacaton days" routed to a different agent on a Zen 4
    /// than on a Zen 3. Every weight of the real encoder must stay inside the range where both sum exactly.
    /// </summary>
    [Fact]
    public void The_encoders_int8_weights_cannot_saturate_a_16_bit_pair_sum()
    {
        var model = ModelProto.Parser.ParseFrom(Int8WeightQuantizer.Quantize(MiniLmOnnxEncoder.PackageModelBytes(), "minilm").Bytes);
        var quantized = model.Graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul").Select(n => n.Input[1]).ToHashSet();
        var largest = model.Graph.Initializer.Where(i => quantized.Contains(i.Name))
            .Max(i => i.RawData.ToByteArray().Max(b => Math.Abs((int)(sbyte)b)));
        Assert.Equal(Int8WeightQuantizer.WeightMax, largest);
        Assert.True(255 * 2 * largest <= short.MaxValue, $"a pair of uint8 x int8 products reaches {255 * 2 * largest}, above 32,767");
    }

    [Fact]
    public void The_quantized_graph_runs_in_onnx_runtime_and_stays_close_to_fp32()
    {
        var fp32 = Model(Weights).ToByteArray();
        var int8 = Int8WeightQuantizer.Quantize(fp32, "tiny").Bytes;
        float[] input = [0.5f, -1f, 2f, 0.25f, 1f, 1f, -1f, 0.75f];
        var expected = Run(fp32, input);
        var actual = Run(int8, input);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // Activations and weights are both quantized: within a few per cent of the row's scale.
            Assert.InRange(actual[i], expected[i] - 0.05f, expected[i] + 0.05f);
        }
    }

    [Fact]
    public void Weights_stored_as_float_data_are_read_like_raw_data()
    {
        var raw = Int8WeightQuantizer.Quantize(Model(Weights).ToByteArray(), "raw");
        var typed = Int8WeightQuantizer.Quantize(Model(Weights, asFloatData: true).ToByteArray(), "typed");
        static byte[] Int8Of(QuantizedModel m) => ModelProto.Parser.ParseFrom(m.Bytes).Graph.Initializer.Single(i => i.Name == "W_int8").RawData.ToByteArray();
        Assert.Equal(Int8Of(raw), Int8Of(typed));
    }

    [Fact]
    public void A_weight_another_node_also_reads_is_kept()
    {
        var model = Model(Weights);
        var identity = new NodeProto { OpType = "Identity", Name = "keep" };
        identity.Input.Add("W");
        identity.Output.Add("W_copy");
        model.Graph.Node.Add(identity);
        model.Graph.Output.Add(new ValueInfoProto { Name = "W_copy" });

        var graph = ModelProto.Parser.ParseFrom(Int8WeightQuantizer.Quantize(model.ToByteArray(), "shared").Bytes).Graph;
        Assert.Contains(graph.Initializer, i => i.Name == "W");
        Assert.Contains(graph.Initializer, i => i.Name == "W_int8");
    }

    [Fact]
    public void Quantizing_is_deterministic()
    {
        var bytes = Model(Weights).ToByteArray();
        Assert.Equal(Int8WeightQuantizer.Quantize(bytes, "a").Bytes, Int8WeightQuantizer.Quantize(bytes, "a").Bytes);
    }

    [Fact]
    public void A_graph_with_no_weight_matmul_is_refused_naming_what_it_holds()
    {
        // A MatMul of two graph inputs (no initializer) and a 3-D weight: nothing it may quantize.
        var model = Model(Weights);
        model.Graph.Node[0].Input[1] = "X2";
        model.Graph.Initializer[0].Dims.Clear();
        model.Graph.Initializer[0].Dims.Add([2, 2, 3]);

        var ex = Assert.Throws<InvalidDataException>(() => Int8WeightQuantizer.Quantize(model.ToByteArray(), "odd model"));
        Assert.Contains("odd model", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no MatMul", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MatMul x1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("quantization: none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_whose_data_does_not_fill_its_shape_is_not_quantized()
    {
        var model = Model(Weights);
        model.Graph.Initializer[0].RawData = ByteString.CopyFrom(new byte[8]);
        Assert.Throws<InvalidDataException>(() => Int8WeightQuantizer.Quantize(model.ToByteArray(), "short"));
    }

    [Fact]
    public void Weights_in_external_files_are_refused()
    {
        var model = Model(Weights);
        model.Graph.Initializer[0].DataLocation = TensorProto.Types.DataLocation.External;
        var ex = Assert.Throws<InvalidDataException>(() => Int8WeightQuantizer.Quantize(model.ToByteArray(), "external"));
        Assert.Contains("external data", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(new byte[] { 0x0A, 0x05, 0x68, 0x65, 0x6C })]
    public void Bytes_that_are_not_an_onnx_graph_are_refused(byte[] bytes)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Int8WeightQuantizer.Quantize(bytes, "garbage"));
        Assert.Contains("garbage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_crash_the_quantizer_with_anything_but_a_clear_refusal()
    {
        var random = new Random(15);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 512)];
            random.NextBytes(bytes);
            try
            {
                Int8WeightQuantizer.Quantize(bytes, "fuzz");
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void A_model_that_cannot_be_quantized_fails_the_encoder_load_instead_of_falling_back()
    {
        var notEncoder = Model(Weights);
        notEncoder.Graph.Node[0].OpType = "Add";
        using var options = new SessionOptions();
        var ex = Assert.Throws<InvalidDataException>(() => MiniLmOnnxEncoder.Create(notEncoder.ToByteArray(), MiniLmQuantization.Int8, options));
        Assert.Contains("quantization: none", ex.Message, StringComparison.Ordinal);
    }

    private static float[] Run(byte[] model, float[] input)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var x = OrtValue.CreateTensorValueFromMemory(input, [2, K]);
        using var outputs = session.Run(new RunOptions(), ["X"], [x], ["Y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Y = X · W with X [batch, K] and W a [K, N] initializer.</summary>
    private static ModelProto Model(float[] weights, bool asFloatData = false)
    {
        var w = new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Float };
        w.Dims.Add([K, N]);
        if (asFloatData)
        {
            w.FloatData.Add(weights);
        }
        else
        {
            w.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        }

        var matMul = new NodeProto { OpType = "MatMul", Name = "mm" };
        matMul.Input.Add(["X", "W"]);
        matMul.Output.Add("Y");
        var graph = new GraphProto { Name = "tiny" };
        graph.Node.Add(matMul);
        graph.Initializer.Add(w);
        graph.Input.Add(Value("X", [2, K]));
        graph.Output.Add(Value("Y", [2, N]));
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    private static ValueInfoProto Value(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
