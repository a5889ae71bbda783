using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Guardian.Classifiers;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// Re-ingest of a folder removes the documents whose files are gone from it, and only those; never
/// under a path that is missing or unreadable, nor (by default) when a folder's documents all vanish.
/// A cheap deterministic embedder keeps the many-file cases fast; retrieval quality is not the point.
/// </summary>
public sealed class IngestPruneTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public IngestPruneTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, ".orchestrator", "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private DocumentIngestor Ingestor(IngestOptions? options = null, IVectorStore? store = null) =>
        new(store ?? _store, new LetterHistogramEmbedder(), _temp.Path, options);

    private async Task<string[]> SourcesAsync(string collection = "hr") => [.. (await _store.ListSourcesAsync(collection)).Select(s => s.Source)];

    private void WritePolicies(params string[] relativePaths)
    {
        foreach (var path in relativePaths)
        {
            _temp.Write(path, $"# {Path.GetFileNameWithoutExtension(path)}\n\nThe {Path.GetFileNameWithoutExtension(path)} policy applies to every employee.");
        }
    }

    [Fact]
    public async Task A_deleted_file_leaves_the_store_on_re_ingest_and_the_report_names_it()
    {
        WritePolicies("kb/leave.md", "kb/travel.md", "kb/deep/remote.md");
        await Ingestor().IngestAsync("hr", ["kb"]);

        File.Delete(Path.Combine(_temp.Path, "kb", "deep", "remote.md"));
        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/deep/remote.md"], report.FilesRemoved);
        Assert.Equal((0, 2), (report.FilesIngested, report.FilesUnchanged));
        Assert.Empty(report.NotPruned);
        Assert.Equal(["kb/leave.md", "kb/travel.md"], await SourcesAsync());
        Assert.Equal(2, await _store.CountAsync("hr"));
        var again = await Ingestor().IngestAsync("hr", ["kb"]);
        Assert.Empty(again.FilesRemoved);
    }

    [Fact]
    public async Task A_renamed_file_is_one_removal_and_one_addition()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);

        File.Move(Path.Combine(_temp.Path, "kb", "travel.md"), Path.Combine(_temp.Path, "kb", "business-travel.md"));
        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/travel.md"], report.FilesRemoved);
        Assert.Equal((1, 1), (report.FilesIngested, report.FilesUnchanged));
        Assert.Equal(["kb/business-travel.md", "kb/leave.md"], await SourcesAsync());
    }

    [Fact]
    public async Task A_one_file_folder_whose_file_is_renamed_is_pruned_without_force()
    {
        // The renamed file is written before the guard looks, so the folder is not "every document gone".
        WritePolicies("kb/leave.md");
        await Ingestor().IngestAsync("hr", ["kb"]);

        File.Move(Path.Combine(_temp.Path, "kb", "leave.md"), Path.Combine(_temp.Path, "kb", "annual-leave.md"));
        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/leave.md"], report.FilesRemoved);
        Assert.Equal(["kb/annual-leave.md"], await SourcesAsync());
    }

    [Fact]
    public async Task A_missing_folder_prunes_nothing_and_reports_an_error_naming_it()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        Directory.Move(Path.Combine(_temp.Path, "kb"), Path.Combine(_temp.Path, "kb-elsewhere"));

        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Empty(report.FilesRemoved);
        var refusal = Assert.Single(report.NotPruned);
        Assert.Equal("kb", refusal.Path);
        Assert.Equal(2, refusal.DocumentsKept);
        Assert.Contains("does not exist", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(["kb/leave.md", "kb/travel.md"], await SourcesAsync());
    }

    [Fact]
    public async Task An_unreadable_subfolder_keeps_its_documents_while_the_rest_is_pruned()
    {
        WritePolicies("kb/leave.md", "kb/travel.md", "kb/locked/salaries.md", "kb/locked/bonuses.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        File.Delete(Path.Combine(_temp.Path, "kb", "travel.md"));
        // A folder that cannot be listed (permissions, a share that is down); root may list any folder, so it is simulated.
        var options = new IngestOptions
        {
            ListFolderForTests = folder => folder.Name == "locked"
                ? throw new UnauthorizedAccessException($"Access to the path '{folder.FullName}' is denied.")
                : folder.EnumerateFileSystemInfos(),
        };

        var report = await Ingestor(options).IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/travel.md"], report.FilesRemoved);
        var refusal = Assert.Single(report.NotPruned);
        Assert.Equal(("kb/locked", 2, false), (refusal.Path, refusal.DocumentsKept, refusal.EveryDocumentGone));
        Assert.Contains("could not be read", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains(report.FilesSkipped, s => s.Path == "kb/locked");
        Assert.Equal(["kb/leave.md", "kb/locked/bonuses.md", "kb/locked/salaries.md"], await SourcesAsync());
    }

    [Fact]
    public async Task An_unreadable_folder_prunes_nothing()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);

        var report = await Ingestor(new IngestOptions { ListFolderForTests = folder => throw new IOException("Host is down") }).IngestAsync("hr", ["kb"]);

        Assert.Empty(report.FilesRemoved);
        var refusal = Assert.Single(report.NotPruned);
        Assert.Equal(("kb", 2), (refusal.Path, refusal.DocumentsKept));
        Assert.Contains("Host is down", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await SourcesAsync()).Length);
    }

    [Fact]
    public async Task Every_document_of_a_folder_gone_at_once_is_refused_unless_forced()
    {
        WritePolicies("kb/leave.md", "kb/travel.md", "kb/remote.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        foreach (var file in Directory.GetFiles(Path.Combine(_temp.Path, "kb")))
        {
            File.Delete(file); // an empty mount point looks exactly like this
        }

        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Empty(report.FilesRemoved);
        var refusal = Assert.Single(report.NotPruned);
        Assert.True(refusal.EveryDocumentGone);
        Assert.Equal(("kb", 3), (refusal.Path, refusal.DocumentsKept));
        Assert.Equal(3, (await SourcesAsync()).Length);

        var forced = await Ingestor(new IngestOptions { PruneWhenAllGone = true }).IngestAsync("hr", ["kb"]);

        Assert.Equal(3, forced.FilesRemoved.Count);
        Assert.Empty(forced.NotPruned);
        Assert.Empty(await SourcesAsync());
    }

    [Fact]
    public async Task Ingesting_one_file_of_a_folder_prunes_nothing_else()
    {
        WritePolicies("docs/a.md", "docs/b.md");
        await Ingestor().IngestAsync("hr", ["docs"]);
        File.Delete(Path.Combine(_temp.Path, "docs", "b.md"));

        var report = await Ingestor().IngestAsync("hr", ["docs/a.md"]);

        Assert.Empty(report.FilesRemoved);
        Assert.Empty(report.SourcesOutsidePaths); // no folder was ingested: nothing was considered
        Assert.Equal(["docs/a.md", "docs/b.md"], await SourcesAsync());
    }

    [Fact]
    public async Task A_subfolder_ingest_prunes_only_under_it_and_reports_documents_from_elsewhere()
    {
        WritePolicies("kb/hr/leave.md", "kb/hr/sick.md", "kb/it/laptops.md", "outside/notes.md");
        await Ingestor().IngestAsync("hr", ["kb", "outside/notes.md"]);
        File.Delete(Path.Combine(_temp.Path, "kb", "hr", "sick.md"));
        File.Delete(Path.Combine(_temp.Path, "kb", "it", "laptops.md"));

        // `..` leaves the folder it names: this walks kb/hr only.
        var report = await Ingestor().IngestAsync("hr", ["kb/it/../hr"]);

        Assert.Equal(["kb/hr/sick.md"], report.FilesRemoved);
        Assert.Equal(["kb/it/laptops.md", "outside/notes.md"], report.SourcesOutsidePaths);
        Assert.Equal(["kb/hr/leave.md", "kb/it/laptops.md", "outside/notes.md"], await SourcesAsync());
    }

    [Fact]
    public async Task Prune_off_keeps_documents_whose_files_are_gone()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        File.Delete(Path.Combine(_temp.Path, "kb", "travel.md"));

        var report = await Ingestor(new IngestOptions { Prune = false }).IngestAsync("hr", ["kb"]);

        Assert.Empty(report.FilesRemoved);
        Assert.Equal(["kb/leave.md", "kb/travel.md"], await SourcesAsync());
    }

    [Fact]
    public async Task Other_collections_are_never_touched()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        await Ingestor().IngestAsync("archive", ["kb"]);
        File.Delete(Path.Combine(_temp.Path, "kb", "travel.md"));

        await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/leave.md"], await SourcesAsync("hr"));
        Assert.Equal(["kb/leave.md", "kb/travel.md"], await SourcesAsync("archive"));
    }

    [Fact]
    public async Task A_link_back_to_a_parent_folder_is_not_followed_so_each_file_is_ingested_once()
    {
        // The defect: Directory.EnumerateFiles followed kb/deep/up -> kb about 40 levels deep and ingested
        // every file again under each longer name (kb/deep/up/deep/up/...); two such links never ended.
        WritePolicies("kb/leave.md", "kb/deep/remote.md");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "kb", "deep", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "kb", "self"), Path.Combine(_temp.Path, "kb"));

        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(2, report.FilesIngested);
        Assert.Equal(["kb/deep/remote.md", "kb/leave.md"], await SourcesAsync());
        Assert.Contains(report.FilesSkipped, s => s.Path == "kb/deep/up" && s.Reason.Contains("not followed", StringComparison.Ordinal));
        Assert.Contains(report.FilesSkipped, s => s.Path == "kb/self");
    }

    [Fact]
    public async Task A_linked_folder_outside_is_followed_once_and_pruned_like_any_other()
    {
        WritePolicies("kb/leave.md", "share/policies/a.md", "share/policies/b.md");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "kb", "shared"), Path.Combine(_temp.Path, "share", "policies"));
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "kb", "shared-again"), Path.Combine(_temp.Path, "share", "policies"));
        await Ingestor().IngestAsync("hr", ["kb"]);
        Assert.Equal(["kb/leave.md", "kb/shared/a.md", "kb/shared/b.md"], await SourcesAsync());

        File.Delete(Path.Combine(_temp.Path, "share", "policies", "b.md"));
        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(["kb/shared/b.md"], report.FilesRemoved);
    }

    [Fact]
    public async Task A_huge_folder_of_tiny_files_is_pruned_in_one_pass()
    {
        var names = Enumerable.Range(0, 1500).Select(i => $"kb/f{i:D4}.txt").ToArray();
        foreach (var name in names)
        {
            _temp.Write(name, "x" + name);
        }

        var first = await Ingestor().IngestAsync("hr", ["kb"]);
        Assert.Equal(1500, first.FilesIngested);
        foreach (var name in names.Where((_, i) => i % 3 == 0))
        {
            File.Delete(Path.Combine(_temp.Path, name));
        }

        var report = await Ingestor().IngestAsync("hr", ["kb"]);

        Assert.Equal(500, report.FilesRemoved.Count);
        Assert.Equal(1000, report.FilesUnchanged);
        Assert.Equal(1000, await _store.CountAsync("hr"));
    }

    [Fact]
    public async Task A_store_that_cannot_remove_reports_it_instead_of_failing()
    {
        WritePolicies("kb/leave.md", "kb/travel.md");
        await Ingestor().IngestAsync("hr", ["kb"]);
        File.Delete(Path.Combine(_temp.Path, "kb", "travel.md"));

        var report = await Ingestor(store: new StoreWithoutRemoval(_store)).IngestAsync("hr", ["kb"]);

        Assert.Empty(report.FilesRemoved);
        var refusal = Assert.Single(report.NotPruned);
        Assert.Contains("cannot remove documents", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await SourcesAsync()).Length);
    }

    /// <summary>A store written against the interface before it could remove documents.</summary>
    private sealed class StoreWithoutRemoval(IVectorStore inner) : IVectorStore
    {
        public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) => inner.EnsureCollectionAsync(collection, dimensions, cancellationToken);

        public Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default) => inner.GetDocumentFingerprintAsync(collection, source, cancellationToken);

        public Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default) => inner.ReplaceDocumentAsync(collection, document, chunks, cancellationToken);

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(collection, query, cancellationToken);

        public Task<int> CountAsync(string collection, CancellationToken cancellationToken = default) => inner.CountAsync(collection, cancellationToken);

        public Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default) => inner.ListSourcesAsync(collection, cancellationToken);
    }
}
