using Orchestrator.State;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// What the Qdrant store's own calls say about the server, for <c>orchestrator_dependency_up{dependency="qdrant"}</c>: up after a
/// call the server answered (an error reply too: it was reached), down after one that could not reach it or timed out, unknown
/// before the first call. Nothing polls the server for it.
/// </summary>
internal sealed class QdrantReachability(DependencyMetrics metrics) : IDependencyReachability
{
    private const int Unknown = -1;

    /// <summary>The <c>store</c> tag of the failures counter for the vector store's operations.</summary>
    public const string Store = "vectors";

    private int _state = Unknown;

    public string Dependency => DependencyMetrics.Qdrant;

    public bool? IsUp => Volatile.Read(ref _state) switch
    {
        Unknown => null,
        var state => state == 1,
    };

    public void Answered() => Volatile.Write(ref _state, 1);

    public void Unreachable()
    {
        Volatile.Write(ref _state, 0);
        metrics.Failed(DependencyMetrics.Qdrant, Store);
    }
}
