using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

public sealed class MiniLmEmbeddingGeneratorTests
{
    private readonly MiniLmEmbeddingGenerator _embedder = SharedEmbedder.Instance;

    [Fact]
    public async Task Vectors_are_unit_length_and_384_wide()
    {
        var result = await _embedder.GenerateAsync(["How many vacation days do I get?", "", "reset my password"]);
        Assert.Equal(3, result.Count);
        foreach (var e in result)
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, e.Vector.Length);
            var norm = Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x));
            Assert.InRange(norm, 0.999, 1.001);
        }
    }

    [Fact]
    public async Task Batching_keeps_input_order_and_matches_single_calls()
    {
        var texts = Enumerable.Range(0, 70).Select(i => new string('x', i % 7) + $" sentence {i} about expenses").ToArray();
        var batched = await _embedder.EmbedManyAsync(texts);
        for (var i = 0; i < texts.Length; i += 13)
        {
            var single = await _embedder.EmbedOneAsync(texts[i]);
            Assert.True(VectorMath.Dot(single, batched[i]) > 0.999f, $"row {i} was reordered or changed by batching");
        }
    }

    [Fact]
    public void Chunks_split_where_a_text_is_much_longer_than_the_shortest_and_cover_every_text_once()
    {
        // Three-word phrases (what tool grounding embeds) beside questions: one padded call would cost every phrase a question's length.
        string[] inputs = ["my leave balance", "a long question about how many vacation days I can carry over to next year?", "log a ticket", "how much sick", "another rather long question about the expense policy for business travel abroad"];
        var order = Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length).ToArray();
        var chunks = MiniLmEmbeddingGenerator.Chunks(order, inputs, batchSize: 32).ToList();
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks[0], i => Assert.True(inputs[i].Length < 20));
        Assert.All(chunks[1], i => Assert.True(inputs[i].Length > 60));
        Assert.Equal(Enumerable.Range(0, inputs.Length), chunks.SelectMany(c => c).Order());
        Assert.All(MiniLmEmbeddingGenerator.Chunks(Enumerable.Range(0, 70).ToArray(), [.. Enumerable.Repeat("same length", 70)], 32), c => Assert.InRange(c.Length, 1, 32));
        Assert.Empty(MiniLmEmbeddingGenerator.Chunks([], [], 32));
    }

    [Fact]
    public async Task Mixed_lengths_keep_input_order_and_match_single_calls()
    {
        string[] texts = ["leave balance please", "How many days of annual leave remain on my account right now, counting the days I carried over?", "log a ticket", "", "Open a P2 ticket for me: Outlook won't start after the update and I cannot read my mail"];
        var batched = await _embedder.EmbedManyAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await _embedder.EmbedOneAsync(texts[i]);
            Assert.True(VectorMath.Dot(single, batched[i]) > 0.999f, $"row {i} was reordered or changed by length-split batching");
        }
    }

    [Fact]
    public async Task Similar_sentences_score_higher_than_unrelated_ones()
    {
        var v = await _embedder.EmbedManyAsync(["How many vacation days do I get?", "What is my annual leave allowance?", "My laptop screen is broken"]);
        Assert.True(VectorMath.Dot(v[0], v[1]) > VectorMath.Dot(v[0], v[2]) + 0.2f);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_a_sequential_caller()
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"request number {i} about the travel policy").ToArray();
        var expected = await _embedder.EmbedManyAsync(texts);
        var tasks = texts.Select((t, i) => Task.Run(async () => (i, v: await _embedder.EmbedOneAsync(t)))).ToArray();
        foreach (var (i, v) in await Task.WhenAll(tasks))
        {
            Assert.True(VectorMath.Dot(v, expected[i]) > 0.999f, $"concurrent result {i} differs");
        }
    }

    [Fact]
    public async Task Huge_input_is_truncated_not_rejected()
    {
        var huge = string.Join(' ', Enumerable.Repeat("policy", 20_000));
        var v = await _embedder.EmbedOneAsync(huge);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Length);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _embedder.EmbedManyAsync(["a", "b"], cts.Token));
    }

    [Fact]
    public void Metadata_describes_the_model()
    {
        var meta = _embedder.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(meta);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, meta!.DefaultModelDimensions);
    }
}
