using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Orchestrator.Models.Batching;

/// <summary>
/// A per-request memo of embeddings by text. The pipeline opens one around each request, and a
/// <see cref="RequestScopedEmbeddingGenerator"/> answers from it, so the router, retrieval, tool
/// selection, the answer cache and the guardian embed the query (and any other text) once between
/// them without passing vectors through every stage's signature. Nothing outlives the request.
/// </summary>
public static class EmbeddingScope
{
    /// <summary>Texts remembered per request at most; a request that embeds more simply stops memoising.</summary>
    internal const int Capacity = 512;

    private static readonly AsyncLocal<ConcurrentDictionary<string, Embedding<float>>?> CurrentMemo = new();

    internal static ConcurrentDictionary<string, Embedding<float>>? Current => CurrentMemo.Value;

    /// <summary>Starts a memo for the current asynchronous flow; disposing restores the previous one.</summary>
    public static IDisposable Begin()
    {
        var previous = CurrentMemo.Value;
        CurrentMemo.Value = new ConcurrentDictionary<string, Embedding<float>>(StringComparer.Ordinal);
        return new Restore(previous);
    }

    private sealed class Restore(ConcurrentDictionary<string, Embedding<float>>? previous) : IDisposable
    {
        public void Dispose() => CurrentMemo.Value = previous;
    }
}
