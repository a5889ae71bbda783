using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The store's requests and failures, with the real Qdrant client against loopback servers.</summary>
public sealed class QdrantVectorStoreTests
{
    [Fact]
    public async Task An_unreachable_server_gives_a_store_exception_naming_the_url_and_the_fix()
    {
        using var closed = new ClosedPort();
        var url = new Uri($"http://127.0.0.1:{closed.Port}");
        using var store = new QdrantVectorStore(new QdrantStoreOptions { Url = url, ApiKey = "do-not-log-me", Timeout = TimeSpan.FromSeconds(5) });

        var count = await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("kb"));
        var ensure = await Assert.ThrowsAsync<StoreException>(() => store.EnsureCollectionAsync("kb", 4));

        foreach (var ex in new[] { count, ensure })
        {
            Assert.Contains(url.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.Contains("docker compose up -d qdrant", ex.Message, StringComparison.Ordinal);
            Assert.Contains("store.url", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("do-not-log-me", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_runtime_builds_the_configured_store()
    {
        var qdrant = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml", Store = new StoreConfig { Provider = StoreProviders.Qdrant, Url = "http://qdrant:6334" } };
        var sqlite = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml" };

        using var q = Assert.IsType<QdrantVectorStore>(OrchestratorRuntime.CreateStore(qdrant));
        using var s = Assert.IsType<SqliteVectorStore>(OrchestratorRuntime.CreateStore(sqlite));

        Assert.Equal(new Uri("http://qdrant:6334"), q.Url);
        Assert.Equal(Path.GetFullPath("/cfg/.orchestrator/store.db"), s.DatabaseFile);
    }

    private static QdrantVectorStore Store(Uri url, string? apiKey = null) =>
        new(new QdrantStoreOptions { Url = url, ApiKey = apiKey, CollectionPrefix = "p_", Timeout = TimeSpan.FromSeconds(10) });

    private static ChunkRecord Chunk(int ordinal, string text) => new(ordinal, "loc", text, text, [1f, 0f]);

    [Fact]
    public async Task A_new_collection_gets_a_cosine_dense_vector_an_idf_sparse_vector_and_keyword_indexes()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);

        await store.EnsureCollectionAsync("kb", 2);

        var create = (CreateCollection)server.LastRequests["qdrant.Collections/Create"];
        Assert.Equal("p_kb", create.CollectionName);
        var dense = create.VectorsConfig.ParamsMap.Map[QdrantPoints.DenseVector];
        Assert.Equal((2ul, Distance.Cosine), (dense.Size, dense.Distance));
        Assert.Equal(Modifier.Idf, create.SparseVectorsConfig.Map[QdrantPoints.SparseVector].Modifier);
        Assert.Equal(3, server.Calls.Count(c => c == "qdrant.Points/CreateFieldIndex"));
        Assert.Equal(PayloadSchemaType.Keyword.ToString(), ((CreateFieldIndexCollection)server.LastRequests["qdrant.Points/CreateFieldIndex"]).FieldType.ToString());
    }

    [Fact]
    public async Task A_replace_writes_the_new_version_and_its_marker_before_deleting_the_old_one()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        server.Calls.Clear();

        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h1"), [Chunk(0, "one"), Chunk(1, "two")]);

        Assert.Equal(["qdrant.Points/Upsert", "qdrant.Points/Upsert", "qdrant.Points/Delete"], server.Calls.Where(c => c.StartsWith("qdrant.Points/", StringComparison.Ordinal)));
        var marker = ((UpsertPoints)server.LastRequests["qdrant.Points/Upsert"]).Points.Single();
        var delete = ((DeletePoints)server.LastRequests["qdrant.Points/Delete"]).Points.Filter;
        Assert.Equal(marker.Payload[QdrantPoints.Version].StringValue, delete.MustNot.Single().Field.Match.Keyword);
        Assert.True(((DeletePoints)server.LastRequests["qdrant.Points/Delete"]).Wait);
    }

    [Fact]
    public async Task Leftovers_of_an_unfinished_replace_make_the_fingerprint_unknown_so_the_next_ingest_repairs_it()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h1"), [Chunk(0, "one")]);
        using var client = new QdrantClient(server.Url);

        // What a crash after the chunk upsert of another replace leaves: chunks of a version no marker names.
        await client.UpsertAsync("p_kb", [QdrantPoints.ChunkPoint("kb", "a.md", "crashed", Chunk(0, "half written"))]);

        Assert.Null(await store.GetDocumentFingerprintAsync("kb", "a.md"));
        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h2"), [Chunk(0, "one again")]);
        Assert.Equal("h2", await store.GetDocumentFingerprintAsync("kb", "a.md"));
        Assert.Equal(1, await store.CountAsync("kb"));
    }

    [Fact]
    public async Task A_marker_whose_chunks_were_lost_to_a_concurrent_replace_reads_as_unknown()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h1"), [Chunk(0, "one"), Chunk(1, "two")]);
        using var client = new QdrantClient(server.Url);

        await client.DeleteAsync("p_kb", Conditions.MatchKeyword(QdrantPoints.Kind, QdrantPoints.ChunkKind));

        Assert.Null(await store.GetDocumentFingerprintAsync("kb", "a.md"));
        Assert.Equal("a.md", Assert.Single(await store.ListSourcesAsync("kb")).Source);
    }

    [Fact]
    public async Task A_document_written_before_sentence_vectors_were_kept_reads_as_unknown_and_searches_without_them()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h1"), [Chunk(0, "one")]);
        using var client = new QdrantClient(server.Url);

        // The layout before sentence vectors: chunks without the units payload, a marker without units_stored.
        var version = (await client.RetrieveAsync("p_kb", QdrantPoints.DocumentPointId("kb", "a.md"), withPayload: true, withVectors: false))[0].Payload[QdrantPoints.Version].StringValue;
        var old = QdrantPoints.ChunkPoint("kb", "a.md", version, Chunk(0, "one"));
        old.Payload.Remove(QdrantPoints.Units);
        var marker = QdrantPoints.DocumentPoint("kb", new StoredDocument("a.md", "h1"), version, 1, DateTimeOffset.UnixEpoch);
        marker.Payload.Remove(QdrantPoints.UnitsStored);
        await client.UpsertAsync("p_kb", [old, marker]);

        Assert.Null(await store.GetDocumentFingerprintAsync("kb", "a.md"));
        var hit = Assert.Single(await store.SearchAsync("kb", new HybridQuery { Text = "one", Vector = [1f, 0f] }));
        Assert.Equal("one", hit.Passage.Text);
        Assert.Null(hit.Passage.SentenceVectors);
    }

    [Fact]
    public async Task Searches_query_each_named_vector_with_the_chunk_filter()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h1"), [Chunk(0, "annual leave")]);
        server.LastRequests.Clear();

        await store.SearchAsync("kb", new HybridQuery { Text = "leave", Vector = [1f, 0f], TopK = 3, SourceFilter = ["a.md"] });

        var requests = server.Calls.Count(c => c == "qdrant.Points/Query");
        Assert.Equal(2, requests);
        var last = (QueryPoints)server.LastRequests["qdrant.Points/Query"];
        Assert.Contains(last.Using, new[] { QdrantPoints.DenseVector, QdrantPoints.SparseVector });
        Assert.Equal(50ul, last.Limit);
        Assert.Equal(["kind", "source"], last.Filter.Must.Select(c => c.Field.Key));
    }

    [Fact]
    public async Task A_wrong_api_key_is_reported_without_repeating_it()
    {
        await using var server = new FakeQdrantServer(apiKey: "right-key");
        using var wrong = Store(server.Url, "wrong-key");
        using var right = Store(server.Url, "right-key");

        var ex = await Assert.ThrowsAsync<StoreException>(() => wrong.CountAsync("kb"));

        Assert.Contains("store.api_key_env", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await right.CountAsync("kb"));
    }

    [Fact]
    public async Task A_collection_not_made_by_the_orchestrator_is_refused()
    {
        await using var server = new FakeQdrantServer();
        using var client = new QdrantClient(server.Url);
        await client.CreateCollectionAsync("p_kb", new VectorParamsMap { Map = { ["other"] = new VectorParams { Size = 2, Distance = Distance.Dot } } });
        using var store = Store(server.Url);

        var ex = await Assert.ThrowsAsync<StoreException>(() => store.EnsureCollectionAsync("kb", 2));

        Assert.Contains("collection_prefix", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_replies_larger_than_grpcs_default_4_mb_limit_are_read()
    {
        await using var server = new FakeQdrantServer();
        using var store = Store(server.Url);
        await store.EnsureCollectionAsync("kb", 2);
        var big = new string('z', 1_000_000);
        await store.ReplaceDocumentAsync("kb", new StoredDocument("big.md", "h"), [.. Enumerable.Range(0, 5).Select(i => Chunk(i, $"part{i} {big}"))]);

        var hits = await store.SearchAsync("kb", new HybridQuery { Text = "part1", Vector = [1f, 0f], TopK = 5 });

        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.Equal(1_000_006, h.Passage.Text.Length));
    }
}
