using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Orchestrator.Tests.Models.Batching;

/// <summary>
/// An embedder whose calls wait for the test to release them, so a test decides what is queued
/// while a batch runs. Each text's vector is [length, first char], so answers can be checked.
/// </summary>
internal sealed class GatedEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();

    public ConcurrentQueue<IReadOnlyList<string>> Calls { get; } = new();

    public bool Gated { get; set; } = true;

    public Exception? FailWith { get; set; }

    /// <summary>Signalled each time a call arrives.</summary>
    public SemaphoreSlim Arrived { get; } = new(0);

    public static float[] VectorOf(string text) => [text.Length, text.Length == 0 ? 0 : text[0]];

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Calls.Enqueue(texts);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Gated)
        {
            _gates.Enqueue(gate);
        }
        else
        {
            gate.SetResult();
        }

        Arrived.Release();
        await gate.Task.WaitAsync(cancellationToken);
        if (FailWith is { } failure)
        {
            throw failure;
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(VectorOf(t))));
    }

    public void ReleaseOne()
    {
        Assert.True(_gates.TryDequeue(out var gate), "no call is waiting");
        gate.SetResult();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
