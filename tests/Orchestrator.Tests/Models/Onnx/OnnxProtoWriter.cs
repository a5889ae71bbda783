using Google.Protobuf;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>
/// Just enough of onnx.proto, hand-encoded, to write a small graph without the onnx Python package.
/// Field numbers are those of onnx/onnx.proto (ModelProto.opset_import is 8, graph is 7).
/// </summary>
internal static class OnnxProtoWriter
{
    public const int FloatType = 1;
    public const int Int32Type = 6;
    public const int Int64Type = 7;

    public static byte[] Model(byte[] graph, long irVersion = 8, long opset = 17) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Varint);
        o.WriteInt64(irVersion);
        Bytes(o, 2, System.Text.Encoding.UTF8.GetBytes("orchestrator-tests"));
        Bytes(o, 7, graph);
        Bytes(o, 8, Message(op =>
        {
            Bytes(op, 1, []);
            op.WriteTag(2, WireFormat.WireType.Varint);
            op.WriteInt64(opset);
        }));
    });

    public static byte[] Graph(string name, IEnumerable<byte[]> nodes, IEnumerable<byte[]> initializers, IEnumerable<byte[]> inputs, IEnumerable<byte[]> outputs) => Message(o =>
    {
        foreach (var node in nodes)
        {
            Bytes(o, 1, node);
        }

        Text(o, 2, name);
        foreach (var tensor in initializers)
        {
            Bytes(o, 5, tensor);
        }

        foreach (var input in inputs)
        {
            Bytes(o, 11, input);
        }

        foreach (var output in outputs)
        {
            Bytes(o, 12, output);
        }
    });

    public static byte[] Node(string opType, string[] inputs, string[] outputs, params byte[][] attributes) => Message(o =>
    {
        foreach (var input in inputs)
        {
            Text(o, 1, input);
        }

        foreach (var output in outputs)
        {
            Text(o, 2, output);
        }

        Text(o, 3, outputs[0] + "_node");
        Text(o, 4, opType);
        foreach (var attribute in attributes)
        {
            Bytes(o, 5, attribute);
        }
    });

    /// <summary>An INT attribute: AttributeProto{name=1, i=3, type=20 (INT=2)}.</summary>
    public static byte[] IntAttribute(string name, long value) => Message(o =>
    {
        Text(o, 1, name);
        o.WriteTag(3, WireFormat.WireType.Varint);
        o.WriteInt64(value);
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(2);
    });

    public static byte[] FloatTensor(string name, long[] dims, float[] values) =>
        Tensor(name, dims, FloatType, values.SelectMany(BitConverter.GetBytes).ToArray());

    public static byte[] Int64Tensor(string name, params long[] values) =>
        Tensor(name, [values.Length], Int64Type, values.SelectMany(BitConverter.GetBytes).ToArray());

    /// <summary>TensorProto{dims=1, data_type=2, name=8, raw_data=9}; raw data is little-endian.</summary>
    private static byte[] Tensor(string name, long[] dims, int dataType, byte[] raw) => Message(o =>
    {
        foreach (var dim in dims)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(dim);
        }

        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32(dataType);
        Text(o, 8, name);
        Bytes(o, 9, raw);
    });

    /// <summary>ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1: {elem_type=1, shape=2}}}; a string dim is symbolic.</summary>
    public static byte[] Value(string name, int elemType, params object[] dims) => Message(o =>
    {
        Text(o, 1, name);
        var shape = Message(s =>
        {
            foreach (var dim in dims)
            {
                Bytes(s, 1, Message(d =>
                {
                    if (dim is string param)
                    {
                        Text(d, 2, param);
                    }
                    else
                    {
                        d.WriteTag(1, WireFormat.WireType.Varint);
                        d.WriteInt64(Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }));
            }
        });
        var tensorType = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt32(elemType);
            Bytes(t, 2, shape);
        });
        Bytes(o, 2, Message(t => Bytes(t, 1, tensorType)));
    });

    private static void Text(CodedOutputStream o, int field, string value) => Bytes(o, field, System.Text.Encoding.UTF8.GetBytes(value));

    private static void Bytes(CodedOutputStream o, int field, byte[] value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(value));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            write(output);
        }

        return stream.ToArray();
    }
}
