using Orchestrator.Tests.Support;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>The bounded LRU cache of tool grounding's request-phrase vectors.</summary>
public sealed class PhraseVectorCacheTests
{
    [Fact]
    public void The_least_recently_used_phrase_is_evicted_when_full()
    {
        var cache = new PhraseVectorCache(2);
        cache.Add("my leave balance", [1f]);
        cache.Add("open a ticket", [2f]);
        Assert.True(cache.TryGet("my leave balance", out _)); // now the most recent

        cache.Add("reset my password", [3f]);

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("open a ticket", out _));
        Assert.True(cache.TryGet("my leave balance", out var kept));
        Assert.Equal([1f], kept);
        Assert.True(cache.TryGet("reset my password", out _));
    }

    [Fact]
    public void Adding_a_phrase_again_keeps_one_entry_and_refreshes_it()
    {
        var cache = new PhraseVectorCache(2);
        cache.Add("a b c", [1f]);
        cache.Add("d e f", [2f]);
        cache.Add("a b c", [9f]);
        cache.Add("g h i", [3f]);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a b c", out var first));
        Assert.Equal([1f], first); // the first vector stays: same phrase, same vector
        Assert.False(cache.TryGet("d e f", out _));
    }

    [Fact]
    public void Capacity_zero_keeps_nothing()
    {
        var cache = new PhraseVectorCache(0);
        cache.Add("what is my", [1f]);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet("what is my", out _));
    }

    [Fact]
    public void Negative_capacity_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhraseVectorCache(-1));

    [Theory]
    [InlineData("What Is My", "what is my")]
    [InlineData("VPN not working", "vpn NOT working")]
    public void Ascii_phrases_differing_only_in_case_share_an_entry(string stored, string asked)
    {
        var cache = new PhraseVectorCache(4);
        cache.Add(stored, [1f]);
        Assert.True(cache.TryGet(asked, out _));
    }

    [Fact]
    public void Non_ascii_phrases_are_keyed_as_written()
    {
        // Case mappings outside ASCII (Turkish dotted I, German sharp s) need not agree with the tokenizer's.
        var cache = new PhraseVectorCache(4);
        cache.Add("İstanbul office hours", [1f]);
        Assert.False(cache.TryGet("i̇stanbul office hours", out _));
        Assert.True(cache.TryGet("İstanbul office hours", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_phrases_are_not_kept(string? phrase)
    {
        var cache = new PhraseVectorCache(4);
        cache.Add(phrase!, [1f]);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(phrase!, out _));
    }

    [Fact]
    public void Huge_phrases_are_not_kept()
    {
        var cache = new PhraseVectorCache(4);
        var huge = new string('x', PhraseVectorCache.MaxKeyLength + 1);
        cache.Add(huge, [1f]);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(huge, out _));
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_stay_within_the_bound_and_never_mix_up_vectors()
    {
        const int capacity = 64;
        var cache = new PhraseVectorCache(capacity);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                var n = (i * 7 + w) % 200;
                var phrase = $"phrase {n}";
                if (cache.TryGet(phrase, out var vector))
                {
                    Assert.Equal((float)n, vector[0]);
                }
                else
                {
                    cache.Add(phrase, [n]);
                }

                Assert.InRange(cache.Count, 0, capacity);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        Assert.Equal(capacity, cache.Count);
    }

    // The case-folded key is only sound because the embedder's tokenizer is uncased: pin that.
    [Fact]
    public async Task The_embedder_gives_ascii_phrases_differing_in_case_the_same_vector()
    {
        var vectors = await SharedEmbedder.Instance.GenerateAsync(["What is my leave BALANCE", "what is my leave balance"]);
        Assert.Equal(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray());
    }
}
