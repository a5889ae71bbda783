namespace Orchestrator.Models.Quantization;

/// <summary>An int8-quantized ONNX model, serialized, with what changed (for logs and tests).</summary>
/// <param name="Bytes">The serialized model, for an ONNX Runtime session.</param>
/// <param name="QuantizedMatMuls">MatMul nodes that became DynamicQuantizeMatMul.</param>
/// <param name="WeightBytesBefore">Bytes of the float weights that were quantized.</param>
/// <param name="WeightBytesAfter">Bytes of their int8 weights, scales and zero points.</param>
internal sealed record QuantizedModel(byte[] Bytes, int QuantizedMatMuls, long WeightBytesBefore, long WeightBytesAfter);
