using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// The neighbour indexes and test rows that the recorded-fit experiments (<c>decide</c>, <c>blend</c>)
/// score against: fold f's rows see only the other folds' in-scope examples (out of fold, the
/// selector), the test rows see every in-scope example (never the selector).
/// </summary>
internal static class LabNeighbours
{
    /// <summary>Per fold, an index of the in-scope training rows outside that fold.</summary>
    public static NeighbourIndex[] FoldIndexes(LabTraceData trace, float[][] vectors, int dims)
    {
        var indexes = new NeighbourIndex[trace.Folds];
        for (var f = 0; f < trace.Folds; f++)
        {
            indexes[f] = NeighbourIndex.Build(vectors, InScopeRows(trace).Where(i => trace.Fold[i] != f), dims, trace.Labels, trace.Routes);
        }

        return indexes;
    }

    /// <summary>An index of every in-scope training row, for the test rows.</summary>
    public static NeighbourIndex FullIndex(LabTraceData trace, float[][] vectors, int dims) =>
        NeighbourIndex.Build(vectors, InScopeRows(trace), dims, trace.Labels, trace.Routes);

    /// <summary>Training rows labelled with a route (not out of scope).</summary>
    public static IEnumerable<int> InScopeRows(LabTraceData trace) =>
        Enumerable.Range(0, trace.Labels.Length).Where(i => trace.Labels[i] < trace.Routes);

    /// <summary>The positions of the test rows that are in scope.</summary>
    public static int[] InScopeTestRows(LabData data) =>
        [.. Enumerable.Range(0, data.Test.Count).Where(t => !data.Test[t].IsOutOfScope)];

    /// <summary>Route name to its index in the training set, for the test rows' gold labels.</summary>
    public static Dictionary<string, int> RouteIndexes(LabData data) =>
        data.Set.Routes.Select((r, k) => (r.Name, k)).ToDictionary(p => p.Name, p => p.k, StringComparer.Ordinal);
}
