using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class DocumentIngestorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;
    private readonly DocumentIngestor _ingestor;

    public DocumentIngestorTests()
    {
        _store = new SqliteVectorStore(Path.Combine(_temp.Path, ".orchestrator", "store.db"));
        _ingestor = new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Folders_are_ingested_recursively_with_relative_forward_slash_sources_and_skips_reported()
    {
        _temp.Write("knowledge/leave.md", "# Leave\n\nEmployees get 25 days of annual leave.");
        _temp.Write("knowledge/deep/expenses.txt", "Expenses are reimbursed within 30 days.");
        _temp.Write("knowledge/empty.txt", "");
        _temp.Write("knowledge/logo.png", "png");
        TestDocuments.WriteRandomBytes(Path.Combine(_temp.Path, "knowledge", "scan.pdf"), 1000, seed: 5);
        var progress = new List<IngestProgress>();

        var report = await _ingestor.IngestAsync("hr", ["knowledge"], new SynchronousProgress<IngestProgress>(progress.Add));

        Assert.Equal(2, report.FilesIngested);
        Assert.Equal(2, report.ChunksWritten);
        Assert.Equal(["knowledge/empty.txt", "knowledge/logo.png", "knowledge/scan.pdf"], report.FilesSkipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.All(report.FilesSkipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        var sources = await _store.ListSourcesAsync("hr");
        Assert.Equal(["knowledge/deep/expenses.txt", "knowledge/leave.md"], sources.Select(s => s.Source));
        Assert.Equal(5, progress.Count);
        Assert.Equal(5, progress[^1].FilesDone);
    }

    [Fact]
    public async Task Re_ingesting_unchanged_files_writes_nothing_and_changed_files_replace_their_chunks()
    {
        var leave = _temp.Write("kb/leave.md", "# Leave\n\nEmployees get 25 days of annual leave.");
        _temp.Write("kb/sick.md", "# Sick leave\n\nTen days of paid sick leave.");
        await _ingestor.IngestAsync("hr", ["kb"]);
        var before = await _store.ListSourcesAsync("hr");

        var again = await _ingestor.IngestAsync("hr", ["kb"]);

        Assert.Equal((0, 2, 0), (again.FilesIngested, again.FilesUnchanged, again.ChunksWritten));
        Assert.Equal(before, await _store.ListSourcesAsync("hr"));

        await File.WriteAllTextAsync(leave, "# Leave\n\nEmployees now get 30 days of annual leave.");
        var changed = await _ingestor.IngestAsync("hr", ["kb"]);

        Assert.Equal((1, 1, 1), (changed.FilesIngested, changed.FilesUnchanged, changed.ChunksWritten));
        Assert.Equal(2, await _store.CountAsync("hr"));
        var hits = await _store.SearchAsync("hr", new HybridQuery { Text = "annual leave days", Vector = await EmbedAsync("annual leave days"), TopK = 5 });
        Assert.DoesNotContain(hits, h => h.Passage.Text.Contains("25 days", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.Passage.Text.Contains("30 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pdf_stored_under_its_plain_file_hash_is_read_again_once_with_the_new_pdf_reading()
    {
        // Stores written before PDF headings were read hold the file's plain SHA-256; an unchanged file would keep its old chunks.
        var pdf = Path.Combine(_temp.Path, "kb", "guide.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(pdf)!);
        TestDocuments.WritePdf(pdf, "Expenses are paid monthly.");
        await _ingestor.IngestAsync("hr", ["kb"]);
        var current = Assert.Single(await _store.ListSourcesAsync("hr")).ContentSha256;
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(pdf)));
        Assert.DoesNotContain(plain, current, StringComparison.Ordinal);
        await SetStoredFingerprintAsync(current.Replace(current.Split('@')[0], plain, StringComparison.Ordinal));

        var upgraded = await _ingestor.IngestAsync("hr", ["kb"]);
        var again = await _ingestor.IngestAsync("hr", ["kb"]);

        Assert.Equal((1, 0), (upgraded.FilesIngested, upgraded.FilesUnchanged));
        Assert.Equal((0, 1), (again.FilesIngested, again.FilesUnchanged));
        Assert.Equal(current, Assert.Single(await _store.ListSourcesAsync("hr")).ContentSha256);
    }

    private async Task SetStoredFingerprintAsync(string fingerprint)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_temp.Path, ".orchestrator", "store.db")};Pooling=False");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE documents SET sha256 = $sha";
            update.Parameters.AddWithValue("$sha", fingerprint);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
    }

    [Fact]
    public async Task A_missing_path_is_a_skip_not_an_exception()
    {
        var report = await _ingestor.IngestAsync("hr", ["nowhere/missing.md"]);

        var skip = Assert.Single(report.FilesSkipped);
        Assert.Equal("nowhere/missing.md", skip.Path);
    }

    private static async Task<float[]> EmbedAsync(string text) =>
        await Orchestrator.Models.EmbeddingGeneratorExtensions.EmbedOneAsync(SharedEmbedder.Instance, text);

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one records in order, immediately.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
