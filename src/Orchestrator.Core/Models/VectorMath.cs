using System.Numerics.Tensors;

namespace Orchestrator.Models;

/// <summary>SIMD vector helpers over System.Numerics.Tensors.</summary>
public static class VectorMath
{
    /// <summary>Returns a unit-length copy (or the zero vector unchanged).</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    /// <summary>Cosine similarity of two unit vectors: their dot product.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
