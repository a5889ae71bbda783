using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>Vectors and chunks the store tests write: unit axes of a 4-dimensional space, tilted a little where a test needs a near neighbour.</summary>
internal static class StoreTestData
{
    /// <summary>A unit vector along <paramref name="axis"/> (of 4), tilted by <paramref name="tilt"/> towards the next axis.</summary>
    public static float[] Axis(int axis, float tilt = 0)
    {
        var v = new float[4];
        v[axis] = 1;
        v[(axis + 1) % 4] = tilt;
        return VectorMath.Normalize(v);
    }

    public static ChunkRecord Chunk(int ordinal, string text, float[] vector) => new(ordinal, $"loc {ordinal}", text, "Heading\n" + text, vector);
}
