using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;
using static Orchestrator.Tests.Retrieval.Storage.StoreTestData;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// What every <see cref="IVectorStore"/> must do, run against each implementation by a derived
/// class. Each test uses a fresh, uniquely named collection that the derived class removes.
/// </summary>
public abstract class VectorStoreConformanceTests : IAsyncLifetime
{
    protected const int Dims = 4;

    private readonly List<IVectorStore> _stores = [];

    protected VectorStoreConformanceTests()
    {
        Collection = "conf_" + Guid.NewGuid().ToString("N")[..12];
    }

    protected string Collection { get; }

    /// <summary>A new store instance over the same backing storage as every other one in this test.</summary>
    protected abstract IVectorStore OpenStore();

    /// <summary>Removes <see cref="Collection"/> from the backing storage.</summary>
    protected abstract Task DeleteCollectionAsync();

    private IVectorStore Store => _stores.Count > 0 ? _stores[0] : Open();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DeleteCollectionAsync();
        foreach (var store in _stores)
        {
            (store as IDisposable)?.Dispose();
        }
    }

    protected IVectorStore Open()
    {
        var store = OpenStore();
        _stores.Add(store);
        return store;
    }

    private async Task WriteAsync(string source, params ChunkRecord[] chunks)
    {
        await Store.EnsureCollectionAsync(Collection, Dims);
        await Store.ReplaceDocumentAsync(Collection, new StoredDocument(source, "sha-" + source), chunks);
    }

    private Task<IReadOnlyList<SearchHit>> SearchAsync(string text, float[] vector, int topK = 5, IReadOnlyCollection<string>? sources = null) =>
        Store.SearchAsync(Collection, new HybridQuery { Text = text, Vector = vector, TopK = topK, SourceFilter = sources });

    private static ChunkRecord WithUnits(ChunkRecord chunk, params (string Text, float[] Vector)[] units) =>
        chunk with { SentenceVectors = [.. units.Select(u => new SentenceVector(u.Text, u.Vector))] };

    private static void AssertUnits(IReadOnlyList<SentenceVector>? actual, params (string Text, float[] Vector)[] expected)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Select(e => e.Text), actual.Select(u => u.Text));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Vector, pair.Second.Vector)); // bit-exact, not only close
    }

    [StoreFact]
    public async Task Sentence_vectors_written_with_a_chunk_come_back_with_it_from_search()
    {
        (string, float[])[] units = [("Annual leave is 25 days. Pensions are matched.", Axis(0, 0.3f)), ("Annual leave is 25 days.", Axis(0, 0.123456789f)), ("Zürich 東京 🚀 \"quoted\".", Axis(2))];
        await WriteAsync("a.md", WithUnits(Chunk(0, "Annual leave is 25 days. Pensions are matched.", Axis(0)), units), Chunk(1, "Other words.", Axis(1)));

        var hits = await SearchAsync("annual leave", Axis(0));

        AssertUnits(hits.Single(h => h.Passage.Text.StartsWith("Annual", StringComparison.Ordinal)).Passage.SentenceVectors, units);
        Assert.Null(hits.Single(h => h.Passage.Text == "Other words.").Passage.SentenceVectors); // written without any
        Assert.Equal("sha-a.md", await Store.GetDocumentFingerprintAsync(Collection, "a.md")); // a chunk without units is still current
    }

    [StoreFact]
    public async Task Sentence_vectors_follow_the_latest_replace_and_other_instances_see_them()
    {
        await WriteAsync("a.md", WithUnits(Chunk(0, "Old text.", Axis(0)), ("Old text.", Axis(1))));
        _ = await SearchAsync("old", Axis(0)); // warm any cache

        await WriteAsync("a.md", WithUnits(Chunk(0, "New text.", Axis(0)), ("New text.", Axis(3)), ("New.", Axis(2))));

        var hit = Assert.Single(await Open().SearchAsync(Collection, new HybridQuery { Text = "new", Vector = Axis(0) }));
        AssertUnits(hit.Passage.SentenceVectors, ("New text.", Axis(3)), ("New.", Axis(2)));
    }

    [StoreFact]
    public async Task Sentence_vectors_of_other_dimensions_are_refused_before_anything_is_written()
    {
        await WriteAsync("a.md", Chunk(0, "Kept.", Axis(0)));

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ReplaceDocumentAsync(Collection, new StoredDocument("a.md", "sha-2"),
            [Chunk(0, "Good.", Axis(0)), WithUnits(Chunk(1, "Bad.", Axis(1)), ("Bad.", [1f, 0f]))]));

        Assert.Contains("sentence vector", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Kept.", Assert.Single(await SearchAsync("kept", Axis(0))).Passage.Text);
        Assert.Equal("sha-a.md", await Store.GetDocumentFingerprintAsync(Collection, "a.md"));
    }

    [StoreFact]
    public async Task Many_sentence_vectors_on_many_chunks_round_trip()
    {
        var chunks = Enumerable.Range(0, 70).Select(i => WithUnits(Chunk(i, $"Chunk {i} about topic{i}.", Axis(i % Dims)),
            [.. Enumerable.Range(0, 40).Select(k => ($"Sentence {k} of chunk {i}.", Axis(k % Dims, k / 40f)))])).ToArray();
        await WriteAsync("big.md", chunks);

        var hit = (await SearchAsync("topic69", Axis(69 % Dims)))[0];

        Assert.Equal("Chunk 69 about topic69.", hit.Passage.Text);
        AssertUnits(hit.Passage.SentenceVectors, [.. Enumerable.Range(0, 40).Select(k => ($"Sentence {k} of chunk 69.", Axis(k % Dims, k / 40f)))]);
        Assert.Equal(70, await Store.CountAsync(Collection));
    }

    [StoreFact]
    public async Task Ensure_collection_is_idempotent_and_refuses_other_dimensions()
    {
        await Store.EnsureCollectionAsync(Collection, Dims);
        await Store.EnsureCollectionAsync(Collection, Dims);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.EnsureCollectionAsync(Collection, Dims + 1));
        Assert.Contains("dimensional", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreException>(() => Store.ReplaceDocumentAsync(Collection, new StoredDocument("x", "h"), [Chunk(0, "x", [1f])]));
        Assert.Equal(0, await Store.CountAsync(Collection));
    }

    [StoreFact]
    public async Task Written_chunks_come_back_from_search_with_their_citation_data()
    {
        await WriteAsync("docs/a.md", Chunk(0, "Annual leave is 25 days.", Axis(0)), Chunk(1, "Pensions are matched.", Axis(1)));

        var hits = await SearchAsync("annual leave", Axis(0));

        var top = hits[0];
        Assert.Equal("Annual leave is 25 days.", top.Passage.Text);
        Assert.Equal("docs/a.md", top.Passage.Source);
        Assert.Equal("loc 0", top.Passage.Locator);
        Assert.Equal((1, 1), (top.DenseRank, top.KeywordRank));
        Assert.Equal(1.0, top.DenseSimilarity, 3);
        Assert.Equal(2.0 / 61, top.Passage.Score, 6);
        Assert.Equal(2, hits.Count);
        Assert.NotEqual(top.Passage.ChunkId, hits[1].Passage.ChunkId);
    }

    [StoreFact]
    public async Task Replacing_with_the_same_chunks_is_idempotent()
    {
        var chunks = new[] { Chunk(0, "Alpha text.", Axis(0)), Chunk(1, "Beta text.", Axis(1)) };
        await WriteAsync("a.md", chunks);
        var first = (await SearchAsync("alpha", Axis(0))).Select(h => h.Passage.ChunkId).ToList();

        await WriteAsync("a.md", chunks);

        Assert.Equal(2, await Store.CountAsync(Collection));
        Assert.Equal(first, (await SearchAsync("alpha", Axis(0))).Select(h => h.Passage.ChunkId));
        Assert.Single(await Store.ListSourcesAsync(Collection));
    }

    [StoreFact]
    public async Task Fingerprints_follow_the_latest_replace()
    {
        await Store.EnsureCollectionAsync(Collection, Dims);
        Assert.Null(await Store.GetDocumentFingerprintAsync(Collection, "a.md"));

        await Store.ReplaceDocumentAsync(Collection, new StoredDocument("a.md", "v1"), [Chunk(0, "One.", Axis(0))]);
        Assert.Equal("v1", await Store.GetDocumentFingerprintAsync(Collection, "a.md"));
        await Store.ReplaceDocumentAsync(Collection, new StoredDocument("a.md", "v2"), [Chunk(0, "Two.", Axis(0))]);

        Assert.Equal("v2", await Store.GetDocumentFingerprintAsync(Collection, "a.md"));
        Assert.Null(await Store.GetDocumentFingerprintAsync(Collection, "b.md"));
    }

    [StoreFact]
    public async Task Count_and_list_sources_cover_every_document()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await WriteAsync("b.md", Chunk(0, "B zero.", Axis(1)));
        await WriteAsync("a.md", Chunk(0, "A zero.", Axis(0)), Chunk(1, "A one.", Axis(2)), Chunk(2, "A two.", Axis(3)));

        var sources = await Store.ListSourcesAsync(Collection);

        Assert.Equal(4, await Store.CountAsync(Collection));
        Assert.Equal(["a.md", "b.md"], sources.Select(s => s.Source));
        Assert.Equal([3, 1], sources.Select(s => s.Chunks));
        Assert.Equal(["sha-a.md", "sha-b.md"], sources.Select(s => s.ContentSha256));
        Assert.All(sources, s => Assert.InRange(s.IngestedUtc, before, DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [StoreFact]
    public async Task Dense_ranking_orders_by_cosine_similarity()
    {
        await WriteAsync("a.md", Chunk(0, "First.", Axis(0)), Chunk(1, "Second.", Axis(1)), Chunk(2, "Near first.", Axis(0, 0.5f)));

        var hits = await SearchAsync("???", Axis(0)); // no searchable words: dense ranking only

        Assert.Equal(["First.", "Near first.", "Second."], hits.Select(h => h.Passage.Text));
        Assert.Equal([1, 2, 3], hits.Select(h => h.DenseRank ?? 0));
        Assert.All(hits, h => Assert.Null(h.KeywordRank));
        Assert.True(hits[0].DenseSimilarity > hits[1].DenseSimilarity && hits[1].DenseSimilarity > hits[2].DenseSimilarity);
    }

    [StoreFact]
    public async Task Keyword_ranking_finds_a_rare_word_the_vector_misses()
    {
        await WriteAsync("a.md", Chunk(0, "General text about leave.", Axis(0)), Chunk(1, "Leave for the xylophone team.", Axis(2)), Chunk(2, "Other leave text.", Axis(1)));

        var hits = await SearchAsync("xylophone", Axis(0));

        var xylophone = Assert.Single(hits, h => h.KeywordRank is not null);
        Assert.Equal("Leave for the xylophone team.", xylophone.Passage.Text);
        Assert.Equal(1, xylophone.KeywordRank);
        Assert.Equal(0.0, xylophone.DenseSimilarity, 3); // orthogonal to the query, yet its similarity is reported
    }

    [StoreFact]
    public async Task A_source_filter_restricts_both_rankings()
    {
        await WriteAsync("a.md", Chunk(0, "Shared words here.", Axis(0)));
        await WriteAsync("b.md", Chunk(0, "Shared words there.", Axis(0)));

        var hits = await SearchAsync("shared words", Axis(0), sources: ["b.md"]);

        Assert.Equal("b.md", Assert.Single(hits).Passage.Source);
        Assert.Empty(await SearchAsync("shared words", Axis(0), sources: []));
    }

    [StoreFact]
    public async Task Keyword_ranking_keeps_to_its_collection_when_another_collection_matches_better_and_more_often()
    {
        // More and better matches elsewhere than one search's keyword candidates (at least 50): none may
        // take a place in this collection's ranking, nor push its own match out.
        const string other = "other-collection";
        await Store.EnsureCollectionAsync(other, Dims);
        await Store.ReplaceDocumentAsync(other, new StoredDocument("o.md", "sha-o"), [.. Enumerable.Range(0, 60).Select(i => Chunk(i, $"Quokka quokka quokka {i}.", Axis(1)))]);
        await WriteAsync("a.md", Chunk(0, "A quokka among many other words in this rather long sentence.", Axis(2)), Chunk(1, "Nothing relevant.", Axis(3)));

        var hits = await SearchAsync("quokka", Axis(0));
        var filtered = await SearchAsync("quokka", Axis(0), sources: ["a.md"]);

        Assert.All(hits, h => Assert.Equal("a.md", h.Passage.Source));
        var quokka = Assert.Single(hits, h => h.KeywordRank is not null);
        Assert.Equal(1, quokka.KeywordRank);
        Assert.StartsWith("A quokka", quokka.Passage.Text, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(filtered, h => h.KeywordRank is not null).KeywordRank);
    }

    [StoreFact]
    public async Task Replacing_a_document_removes_its_old_chunks_from_both_indexes()
    {
        await WriteAsync("a.md", Chunk(0, "Old zebra text.", Axis(0)), Chunk(1, "More old text.", Axis(1)));
        await WriteAsync("b.md", Chunk(0, "Other document.", Axis(2)));
        _ = await SearchAsync("zebra", Axis(0)); // warm any cache

        await Store.ReplaceDocumentAsync(Collection, new StoredDocument("a.md", "sha-new"), [Chunk(0, "New giraffe text.", Axis(0))]);

        Assert.Equal(2, await Store.CountAsync(Collection));
        var zebra = await SearchAsync("zebra", Axis(3));
        Assert.DoesNotContain(zebra, h => h.Passage.Text.Contains("zebra", StringComparison.Ordinal));
        Assert.Null(zebra.FirstOrDefault(h => h.KeywordRank is not null));
        Assert.Equal("New giraffe text.", (await SearchAsync("giraffe", Axis(0)))[0].Passage.Text);
        var sources = await Store.ListSourcesAsync(Collection);
        Assert.Equal(["a.md", "b.md"], sources.Select(s => s.Source));
        Assert.Equal(1, sources[0].Chunks);
        Assert.Equal("sha-new", await Store.GetDocumentFingerprintAsync(Collection, "a.md"));
    }

    [StoreFact]
    public async Task Removing_documents_takes_them_out_of_both_rankings_the_listing_and_every_instance()
    {
        await WriteAsync("docs/a.md", WithUnits(Chunk(0, "Withdrawn zebra policy.", Axis(0)), ("Withdrawn zebra policy.", Axis(0))), Chunk(1, "More withdrawn text.", Axis(1)));
        await WriteAsync("docs/b.md", Chunk(0, "Current giraffe policy.", Axis(2)));
        await WriteAsync("docs/c.md", Chunk(0, "Another zebra note.", Axis(3)));
        _ = await SearchAsync("zebra", Axis(0)); // warm any cache
        var other = Open();
        _ = await other.SearchAsync(Collection, new HybridQuery { Text = "zebra", Vector = Axis(0) });

        var removed = await Store.RemoveDocumentsAsync(Collection, ["docs/a.md", "docs/c.md", "docs/never-stored.md"]);

        Assert.Equal(2, removed);
        Assert.Equal(1, await Store.CountAsync(Collection));
        Assert.Equal(["docs/b.md"], (await Store.ListSourcesAsync(Collection)).Select(s => s.Source));
        Assert.Null(await Store.GetDocumentFingerprintAsync(Collection, "docs/a.md"));
        foreach (var store in new[] { Store, other })
        {
            var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "zebra withdrawn", Vector = Axis(0) });
            Assert.Equal(["Current giraffe policy."], hits.Select(h => h.Passage.Text));
            Assert.Null(hits[0].KeywordRank); // no keyword row of a removed chunk is left to match
        }

        // The source can be written again afterwards, and nothing of its old version comes back.
        await WriteAsync("docs/a.md", Chunk(0, "Reinstated policy.", Axis(0)));
        var again = await SearchAsync("policy", Axis(0));
        Assert.Equal("Reinstated policy.", again[0].Passage.Text);
        Assert.Equal(2, again.Count);
        Assert.Equal(0, await Store.RemoveDocumentsAsync(Collection, []));
        Assert.Equal(0, await Store.RemoveDocumentsAsync("conf_never_created", ["docs/a.md"]));
    }

    [StoreFact]
    public async Task Unknown_and_empty_collections_read_as_empty()
    {
        Assert.Equal(0, await Store.CountAsync(Collection));
        Assert.Empty(await SearchAsync("x", Axis(0)));
        Assert.Null(await Store.GetDocumentFingerprintAsync(Collection, "a.md"));
        Assert.Empty(await Store.ListSourcesAsync(Collection));

        await Store.EnsureCollectionAsync(Collection, Dims);

        Assert.Equal(0, await Store.CountAsync(Collection));
        Assert.Empty(await SearchAsync("anything", Axis(0)));
        Assert.Empty(await Store.ListSourcesAsync(Collection));
    }

    [StoreFact]
    public async Task Unicode_and_huge_texts_round_trip_exactly()
    {
        var unicode = "Zürich café: 東京 office, emoji 🚀, Ελληνικά, עברית, null-ish \u0001 and \"quotes\".";
        var huge = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, entry. ", 20_000)) + "needle";
        await WriteAsync("docs/ünïcode 東京.md", Chunk(0, unicode, Axis(0)), Chunk(1, huge, Axis(1)));

        var top = (await SearchAsync("東京 café", Axis(0)))[0];
        var big = (await SearchAsync("needle", Axis(1)))[0];

        Assert.Equal(unicode, top.Passage.Text);
        Assert.Equal("docs/ünïcode 東京.md", top.Passage.Source);
        Assert.NotNull(top.KeywordRank);
        Assert.Equal(huge, big.Passage.Text);
        Assert.Equal("docs/ünïcode 東京.md", Assert.Single(await Store.ListSourcesAsync(Collection)).Source);
    }

    [StoreFact]
    public async Task Hostile_query_text_neither_fails_nor_changes_anything()
    {
        await WriteAsync("a.md", Chunk(0, "Leave and pension rules.", Axis(0)));

        foreach (var text in new[] { "\"unbalanced quote", "leave AND NOT (pension OR", "NEAR(leave pension, 2)", "'; DROP TABLE chunks; --", "", "{\"must\": []}" })
        {
            Assert.Single(await SearchAsync(text, Axis(0)));
        }

        Assert.Equal(1, await Store.CountAsync(Collection));
    }

    [StoreFact]
    public async Task A_second_store_instance_sees_writes_made_by_the_first()
    {
        await WriteAsync("a.md", Chunk(0, "First.", Axis(0)));
        var other = Open();
        Assert.Single(await other.SearchAsync(Collection, new HybridQuery { Text = "first", Vector = Axis(0) }));

        await WriteAsync("b.md", Chunk(0, "Second.", Axis(1)));

        Assert.Equal(2, (await other.SearchAsync(Collection, new HybridQuery { Text = "second", Vector = Axis(1) })).Count);
        Assert.Equal("sha-b.md", await other.GetDocumentFingerprintAsync(Collection, "b.md"));
    }

    [StoreFact]
    public async Task Concurrent_searches_agree_with_a_single_search()
    {
        await WriteAsync("a.md", Enumerable.Range(0, 20).Select(i => Chunk(i, $"Chunk number {i} about topic{i % 4}.", Axis(i % Dims, i / 20f))).ToArray());
        var query = new HybridQuery { Text = "topic2", Vector = Axis(2), TopK = 3 };
        var expected = (await Store.SearchAsync(Collection, query)).Select(h => h.Passage.ChunkId).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.SearchAsync(Collection, query))));

        Assert.Equal(3, expected.Count);
        Assert.All(results, r => Assert.Equal(expected, r.Select(h => h.Passage.ChunkId)));
    }
}
