using Orchestrator.Configuration;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Storage;
using Qdrant.Client.Grpc;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The Qdrant store's data layout and request building, checked without a server.</summary>
public sealed class QdrantMappingTests
{
    private static readonly ChunkRecord Chunk = new(3, "Leave > Annual", "Annual leave is 25 days.", "Leave\nAnnual leave is 25 days. Annual.", [0.6f, 0.8f]);

    [Fact]
    public void Point_ids_are_deterministic_uuids_that_differ_by_every_part()
    {
        var id = QdrantPoints.ChunkPointId("kb", "a.md", "v1", 0);

        Assert.Equal(id, QdrantPoints.ChunkPointId("kb", "a.md", "v1", 0));
        Assert.Equal(8, id.Version);
        Assert.Equal(4, new[]
        {
            QdrantPoints.ChunkPointId("kb2", "a.md", "v1", 0), QdrantPoints.ChunkPointId("kb", "b.md", "v1", 0),
            QdrantPoints.ChunkPointId("kb", "a.md", "v2", 0), QdrantPoints.ChunkPointId("kb", "a.md", "v1", 1),
        }.Where(other => other != id).Distinct().Count());
        Assert.NotEqual(QdrantPoints.DocumentPointId("kb", "a.md"), QdrantPoints.DocumentPointId("kb", "b.md"));
        Assert.NotEqual(QdrantPoints.PointId("a\nb", "c"), QdrantPoints.PointId("a", "b\nc"));
        Assert.NotEqual(QdrantPoints.PointId("a:1", "b"), QdrantPoints.PointId("a", "1:b"));
    }

    [Fact]
    public void A_chunk_point_carries_both_vectors_and_its_citation_payload()
    {
        var point = QdrantPoints.ChunkPoint("kb", "docs/a.md", "v1", Chunk);

        Assert.Equal(QdrantPoints.ChunkPointId("kb", "docs/a.md", "v1", 3).ToString(), point.Id.Uuid);
        var vectors = point.Vectors.Vectors_.Vectors;
        Assert.Equal([0.6f, 0.8f], vectors[QdrantPoints.DenseVector].Dense.Data);
        var sparse = vectors[QdrantPoints.SparseVector].Sparse;
        Assert.Equal(SparseTerms.ForDocument(Chunk.EmbeddingText).Indices, sparse.Indices);
        var passage = QdrantPoints.ReadPassage(point.Payload, 0.5);
        Assert.Equal(new Passage { ChunkId = SqliteVectorStore.ChunkId("kb", "docs/a.md", 3), Source = "docs/a.md", Locator = "Leave > Annual", Text = Chunk.Text, Score = 0.5 }, passage);
        Assert.Equal("chunk", point.Payload["kind"].StringValue);
        Assert.Equal("v1", point.Payload["version"].StringValue);
        Assert.Equal(3, point.Payload["ordinal"].IntegerValue);
    }

    [Fact]
    public void A_chunk_point_carries_its_sentence_vectors_as_payload_and_its_marker_says_so()
    {
        var point = QdrantPoints.ChunkPoint("kb", "docs/a.md", "v1", Chunk with { SentenceVectors = [new("Annual leave.", [0.6f, 0.8f]), new("Zürich.", [1f, 0f])] });
        var marker = QdrantPoints.DocumentPoint("kb", new StoredDocument("docs/a.md", "h"), "v1", 1, DateTimeOffset.UnixEpoch);

        var units = QdrantPoints.ReadUnits(point.Payload)!;

        Assert.Equal(["Annual leave.", "Zürich."], units.Select(u => u.Text));
        Assert.Equal([0.6f, 0.8f], units[0].Vector);
        Assert.Equal(2, point.Vectors.Vectors_.Vectors.Count); // not a named vector: older collections have no such vector
        Assert.True(QdrantPoints.HasUnits(marker.Payload));
        Assert.Null(QdrantPoints.ReadUnits(QdrantPoints.ChunkPoint("kb", "docs/a.md", "v1", Chunk).Payload));
        Assert.Contains(QdrantPoints.Units, QdrantPoints.AllButUnits().Exclude.Fields);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AQ==")]
    [InlineData("")]
    public void Damaged_sentence_vector_payload_reads_as_none(string payload)
    {
        var point = QdrantPoints.ChunkPoint("kb", "a.md", "v1", Chunk);
        point.Payload[QdrantPoints.Units] = payload;

        Assert.Null(QdrantPoints.ReadUnits(point.Payload));
    }

    [Fact]
    public void A_document_marker_has_no_vectors_and_reads_back_as_a_source()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var point = QdrantPoints.DocumentPoint("kb", new StoredDocument("a.md", "abc"), "v9", 7, at);

        Assert.Empty(point.Vectors.Vectors_.Vectors);
        Assert.Equal(QdrantPoints.DocumentPointId("kb", "a.md").ToString(), point.Id.Uuid);
        Assert.Equal(new SourceInfo("a.md", "abc", at, 7), QdrantPoints.ReadSource(point.Payload));
    }

    [Fact]
    public void A_foreign_payload_is_reported_as_not_ours()
    {
        var point = new PointStruct();
        point.Payload["text"] = "x";

        var ex = Assert.Throws<StoreException>(() => QdrantPoints.ReadPassage(point.Payload, 0));

        Assert.Contains("collection_prefix", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparse_vectors_are_sorted_unique_and_saturate_with_term_frequency()
    {
        var (values, indices) = SparseTerms.ForDocument("leave leave leave pension the of");

        Assert.Equal(indices.Order().Distinct(), indices);
        Assert.Equal(2, indices.Length); // stop words dropped
        var leave = values[Array.IndexOf(indices, SparseTerms.Index("leave"))];
        var pension = values[Array.IndexOf(indices, SparseTerms.Index("pension"))];
        Assert.True(leave > pension && leave < 3 * pension, "term frequency counts, but with diminishing returns");
        Assert.Empty(SparseTerms.ForDocument("").Indices);
    }

    [Fact]
    public void Query_sparse_vectors_weigh_each_distinct_term_once()
    {
        var query = SparseTerms.ForQuery("Leave, leave and PENSION?");

        Assert.NotNull(query);
        Assert.Equal(new[] { SparseTerms.Index("leave"), SparseTerms.Index("pension") }.Order(), query.Value.Indices);
        Assert.All(query.Value.Values, v => Assert.Equal(1f, v));
        Assert.Null(SparseTerms.ForQuery("the ... of ???"));
    }

    [Fact]
    public void Term_hashes_are_stable_fnv1a()
    {
        // Published FNV-1a 32-bit test vectors: a stored index must never change between versions.
        Assert.Equal(0x811c9dc5u, SparseTerms.Index(""));
        Assert.Equal(0xe40c292cu, SparseTerms.Index("a"));
        Assert.Equal(0xbf9cf968u, SparseTerms.Index("foobar"));
    }

    [Fact]
    public void Filters_select_chunks_sources_and_other_versions()
    {
        var all = QdrantPoints.ChunkFilter(null)!;
        var some = QdrantPoints.ChunkFilter(["a.md", "b.md"])!;
        var others = QdrantPoints.OtherVersions("a.md", "v2");

        Assert.Equal("chunk", Assert.Single(all.Must).Field.Match.Keyword);
        Assert.Equal(["a.md", "b.md"], some.Must[1].Field.Match.Keywords.Strings);
        Assert.Equal("source", some.Must[1].Field.Key);
        Assert.Null(QdrantPoints.ChunkFilter([]));
        Assert.Equal([("source", "a.md"), ("kind", "chunk")], others.Must.Select(c => (c.Field.Key, c.Field.Match.Keyword)));
        Assert.Equal(("version", "v2"), (others.MustNot[0].Field.Key, others.MustNot[0].Field.Match.Keyword));
        Assert.Equal("document", QdrantPoints.Documents().Must[0].Field.Match.Keyword);
    }

    [Fact]
    public void Fusion_reports_ranks_and_the_cosine_of_keyword_only_hits()
    {
        var a = Scored("a", 0.9f, null);
        var b = Scored("b", 0.2f, null);
        var c = Scored("c", 7f, [0f, 1f]);
        var query = new HybridQuery { Text = "x", Vector = [0.6f, 0.8f], TopK = 2 };

        var hits = QdrantVectorStore.Fuse([a, b], [Scored("b", 5f, [1f, 0f]), c], query);

        Assert.Equal(["b", "a"], hits.Select(h => h.Passage.Text));
        Assert.Equal((2, 1), (hits[0].DenseRank, hits[0].KeywordRank));
        Assert.Equal(0.2, hits[0].DenseSimilarity, 5); // the dense score, not a recomputation
        Assert.Equal((1.0 / 62) + (1.0 / 61), hits[0].Passage.Score, 9);
        var keywordOnly = QdrantVectorStore.Fuse([], [c], query with { TopK = 5 }).Single();
        Assert.Equal(0.8, keywordOnly.DenseSimilarity, 5);
        Assert.Null(keywordOnly.DenseRank);
    }

    [Theory]
    [InlineData("kb", true)]
    [InlineData("hr-policies_v2.1", true)]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void Collection_names_are_checked_before_any_call(string name, bool valid)
    {
        if (valid)
        {
            Assert.Equal("orchestrator_" + name, QdrantNames.Collection("orchestrator_", name));
        }
        else
        {
            Assert.Throws<StoreException>(() => QdrantNames.Collection("orchestrator_", name));
        }
    }

    [Fact]
    public void Options_read_the_api_key_from_the_named_variable_and_say_when_it_is_unset()
    {
        var config = new StoreConfig { Provider = StoreProviders.Qdrant, Url = "http://qdrant:6334", ApiKeyEnv = "MY_QDRANT_KEY", CollectionPrefix = "p_" };

        var options = QdrantStoreOptions.FromConfig(config, "orchestrator.yaml", v => v == "MY_QDRANT_KEY" ? "s3cret" : null);
        var ex = Assert.Throws<StoreException>(() => QdrantStoreOptions.FromConfig(config, "orchestrator.yaml", _ => null));

        Assert.Equal(("s3cret", "p_", new Uri("http://qdrant:6334")), (options.ApiKey, options.CollectionPrefix, options.Url));
        Assert.Contains("MY_QDRANT_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("orchestrator.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Throws<StoreException>(() => QdrantStoreOptions.FromConfig(new StoreConfig { Url = "ftp://x" }, "o.yaml"));
    }

    private static ScoredPoint Scored(string text, float score, float[]? dense)
    {
        var point = new ScoredPoint { Id = QdrantPoints.PointId(text), Score = score };
        point.Payload.Add(new Dictionary<string, Value> { ["chunk_id"] = text, ["source"] = "s", ["locator"] = "l", ["text"] = text });
        if (dense is not null)
        {
            point.Vectors = new VectorsOutput { Vectors = new NamedVectorsOutput() };
            point.Vectors.Vectors.Vectors[QdrantPoints.DenseVector] = new VectorOutput { Dense = new DenseVector { Data = { dense } } };
        }

        return point;
    }
}
