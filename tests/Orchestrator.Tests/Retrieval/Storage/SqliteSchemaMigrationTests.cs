using Microsoft.Data.Sqlite;
using Orchestrator.Models;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>A store written before sentence vectors were kept (schema version 1) still opens and answers.</summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string File => Path.Combine(_temp.Path, "store.db");

    /// <summary>Exactly what the version 1 schema created, with one document of one chunk.</summary>
    private async Task WriteVersion1StoreAsync(string source, string text, float[] vector)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE collections (name TEXT PRIMARY KEY, dimensions INTEGER NOT NULL, generation INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE documents (collection TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL, ingested_utc TEXT NOT NULL, PRIMARY KEY (collection, source));
            CREATE TABLE chunks (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, collection TEXT NOT NULL, source TEXT NOT NULL,
                ordinal INTEGER NOT NULL, locator TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL);
            CREATE INDEX chunks_by_source ON chunks (collection, source);
            CREATE VIRTUAL TABLE chunks_fts USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');
            INSERT INTO schema_version (version) VALUES (1);
            INSERT INTO collections (name, dimensions, generation) VALUES ('kb', $d, 1);
            INSERT INTO documents VALUES ('kb', $s, 'sha-old', '2026-01-01T00:00:00.0000000+00:00');
            INSERT INTO chunks (pk, id, collection, source, ordinal, locator, text, vector) VALUES (1, 'old-0', 'kb', $s, 0, 'Leave', $t, $v);
            INSERT INTO chunks_fts (rowid, body) VALUES (1, $t);
            """;
        command.Parameters.AddWithValue("$d", vector.Length);
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$t", text);
        command.Parameters.AddWithValue("$v", System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> SchemaVersionAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM schema_version";
        return long.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_version_1_store_opens_searches_without_sentence_vectors_and_reads_as_changed()
    {
        float[] vector = VectorMath.Normalize([1f, 0f, 0f, 0f]);
        await WriteVersion1StoreAsync("kb/leave.md", "Annual leave is 25 days.", vector);
        using var store = new SqliteVectorStore(File);

        var hit = Assert.Single(await store.SearchAsync("kb", new HybridQuery { Text = "annual leave", Vector = vector }));

        Assert.Equal("Annual leave is 25 days.", hit.Passage.Text);
        Assert.Null(hit.Passage.SentenceVectors);
        Assert.Null(await store.GetDocumentFingerprintAsync("kb", "kb/leave.md")); // so the next ingest rewrites it
        Assert.Equal("sha-old", Assert.Single(await store.ListSourcesAsync("kb")).ContentSha256);
        Assert.Equal(2, await SchemaVersionAsync());
    }

    [Fact]
    public async Task Ingesting_again_after_the_upgrade_fills_in_the_sentence_vectors()
    {
        var text = "New employees get 25 days of annual leave per calendar year. Unused days can be carried over until March.";
        _temp.Write("kb/leave.md", "# Leave\n\n" + text + "\n");
        var vector = await SharedEmbedder.Instance.EmbedOneAsync(text);
        await WriteVersion1StoreAsync("kb/leave.md", text, vector);
        using var store = new SqliteVectorStore(File);

        var report = await new DocumentIngestor(store, SharedEmbedder.Instance, _temp.Path).IngestAsync("kb", ["kb"]);
        var again = await new DocumentIngestor(store, SharedEmbedder.Instance, _temp.Path).IngestAsync("kb", ["kb"]);

        Assert.Equal((1, 0), (report.FilesIngested, report.FilesUnchanged));
        Assert.Equal((0, 1), (again.FilesIngested, again.FilesUnchanged));
        var hit = Assert.Single(await store.SearchAsync("kb", new HybridQuery { Text = "annual leave", Vector = vector }));
        Assert.Contains(hit.Passage.SentenceVectors!, u => u.Text == "Unused days can be carried over until March.");
    }

    [Fact]
    public async Task A_damaged_sentence_vector_row_costs_only_the_stored_vectors()
    {
        using (var store = new SqliteVectorStore(File))
        {
            await store.EnsureCollectionAsync("kb", 2);
            await store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "h"),
                [new ChunkRecord(0, "l", "Text here.", "Text here.", [1f, 0f]) { SentenceVectors = [new SentenceVector("Text here.", [1f, 0f])] }]);
        }

        await using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE chunk_units SET units = x'01ffffff7f0200'";
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = new SqliteVectorStore(File);
        var hit = Assert.Single(await reopened.SearchAsync("kb", new HybridQuery { Text = "text", Vector = [1f, 0f] }));
        Assert.Equal("Text here.", hit.Passage.Text);
        Assert.Null(hit.Passage.SentenceVectors);
    }
}
