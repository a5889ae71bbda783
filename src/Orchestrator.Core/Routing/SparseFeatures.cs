namespace Orchestrator.Routing;

/// <summary>A sparse feature vector: ascending bucket indices and their values.</summary>
internal readonly record struct SparseFeatures(int[] Indices, float[] Values)
{
    public static SparseFeatures Empty { get; } = new([], []);

    public int Count => Indices?.Length ?? 0;
}
