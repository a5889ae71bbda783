using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Guardian.Classifiers;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// Start-up ingestion when the embedder changes (the int8 default, or any <c>quantization:</c> change):
/// the stored fingerprint names the embedder, documents of another model are re-embedded from the
/// configured paths, and documents outside them are reported instead of silently mixed.
/// </summary>
public sealed class StartupIngestionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteVectorStore _store;
    private readonly OrchestratorConfig _config;

    public StartupIngestionTests()
    {
        _dir.Write("agents/hr.yaml", """
            name: hr
            kind: retrieval
            description: Answers HR questions.
            examples: [ "How many vacation days do I get?", "what is the parental leave policy", "can I carry over leave" ]
            knowledge: hr
            """);
        _dir.Write("knowledge/leave.md", "Employees get 25 vacation days a year.");
        _dir.Write("knowledge/sick.md", "Report sick to your manager before 9:00.");
        var loaded = ConfigLoader.Load(_dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
            collections:
              hr: { paths: [ knowledge ] }
              extra: { }
            agents: agents/
            """), BuiltInTools.ValidationContext());
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        _config = loaded.Config!;
        _store = new SqliteVectorStore(Path.Combine(_dir.Path, "store.db"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_stored_fingerprint_names_the_embedder_and_another_model_counts_as_changed()
    {
        var ingestor = new DocumentIngestor(_store, new LetterHistogramEmbedder("model-a"), _dir.Path);
        Assert.Equal(2, (await ingestor.IngestAsync("hr", [Path.Combine(_dir.Path, "knowledge")])).FilesIngested);
        var sources = await _store.ListSourcesAsync("hr");
        Assert.All(sources, s => Assert.Equal("model-a", VectorFingerprint.EmbedderOf(s.ContentSha256)));
        Assert.All(sources, s => Assert.Matches("^[0-9a-f]{64}@model-a$", s.ContentSha256));

        Assert.Equal(2, (await ingestor.IngestAsync("hr", [Path.Combine(_dir.Path, "knowledge")])).FilesUnchanged);
        var other = await new DocumentIngestor(_store, new LetterHistogramEmbedder("model-b"), _dir.Path).IngestAsync("hr", [Path.Combine(_dir.Path, "knowledge")]);
        Assert.Equal(2, other.FilesIngested);
    }

    [Fact]
    public async Task Start_up_re_embeds_a_collection_embedded_by_another_model()
    {
        await StartAsync(new LetterHistogramEmbedder("model-a"));
        var status = await StartAsync(new LetterHistogramEmbedder("model-b"));

        Assert.Contains(status, s => s.StartsWith("re-embedding collection 'hr': 2 document(s) were embedded by model-a, not by the configured model-b", StringComparison.Ordinal));
        Assert.Empty(await VectorFingerprint.OtherEmbedderSourcesAsync(_store, "hr", "model-b", CancellationToken.None));
        Assert.Equal(2, (await _store.ListSourcesAsync("hr")).Count);

        // Nothing to do on the next start with the same model.
        Assert.Empty(await StartAsync(new LetterHistogramEmbedder("model-b")));
    }

    [Fact]
    public async Task A_store_written_before_the_embedder_was_recorded_is_re_embedded_once()
    {
        var embedder = new LetterHistogramEmbedder("model-a");
        var vector = (await embedder.GenerateAsync(["Employees get 25 vacation days a year."]))[0].Vector.ToArray();
        await _store.EnsureCollectionAsync("hr", LetterHistogramEmbedder.Dimensions);
        await _store.ReplaceDocumentAsync("hr", new StoredDocument("knowledge/leave.md", new string('a', 64)), [new ChunkRecord(0, "leave.md", "Employees get 25 vacation days a year.", "Employees get 25 vacation days a year.", vector)]);

        var status = await StartAsync(embedder);

        Assert.Contains(status, s => s.Contains("1 document(s) were embedded by an unrecorded model, not by the configured model-a", StringComparison.Ordinal));
        Assert.Empty(await VectorFingerprint.OtherEmbedderSourcesAsync(_store, "hr", "model-a", CancellationToken.None));
    }

    [Fact]
    public async Task Documents_of_another_model_outside_the_configured_paths_are_reported_not_guessed_at()
    {
        var outside = _dir.Write("elsewhere/faq.md", "The office opens at 8:00.");
        await new DocumentIngestor(_store, new LetterHistogramEmbedder("model-a"), _dir.Path).IngestAsync("extra", [outside]);
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        var status = await StartAsync(new LetterHistogramEmbedder("model-b"), factory);

        var warning = Assert.Single(status, s => s.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("collection 'extra': 1 document(s) were embedded by model-a, not by the configured model-b", warning, StringComparison.Ordinal);
        Assert.Contains("elsewhere/faq.md", warning, StringComparison.Ordinal);
        Assert.Contains("orchestrator ingest --collection extra", warning, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("collection 'extra'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_up_re_embed_prunes_a_deleted_file_and_says_so()
    {
        await StartAsync(new LetterHistogramEmbedder("model-a"));
        File.Delete(Path.Combine(_dir.Path, "knowledge", "sick.md"));

        var status = await StartAsync(new LetterHistogramEmbedder("model-b"));

        Assert.Contains(status, s => s == "collection 'hr': removed 1 document(s) whose files are gone (first: knowledge/sick.md)");
        Assert.Equal(["knowledge/leave.md"], (await _store.ListSourcesAsync("hr")).Select(s => s.Source));
    }

    [Fact]
    public async Task A_configured_folder_missing_at_the_start_up_re_embed_removes_nothing_and_is_a_warning_naming_it()
    {
        await StartAsync(new LetterHistogramEmbedder("model-a"));
        Directory.Move(Path.Combine(_dir.Path, "knowledge"), Path.Combine(_dir.Path, "unmounted"));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        var status = await StartAsync(new LetterHistogramEmbedder("model-b"), factory);

        Assert.Contains(status, s => s.StartsWith("warning: collection 'hr': not pruned under knowledge: the path does not exist", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("not pruned under knowledge", StringComparison.Ordinal));
        Assert.Equal(2, (await _store.ListSourcesAsync("hr")).Count);
    }

    private async Task<List<string>> StartAsync(LetterHistogramEmbedder embedder, ILoggerFactory? loggerFactory = null)
    {
        var status = new List<string>();
        var options = new RuntimeOptions { Status = new SyncProgress(status), LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance };
        await StartupIngestion.RunAsync(_config, _store, embedder, options, CancellationToken.None);
        return status.Where(s => !s.StartsWith("ingesting collection", StringComparison.Ordinal)).ToList();
    }
}
