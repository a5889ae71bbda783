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
/// A first ingest stopped part-way (SIGTERM during warm-up, a crash) left the collection with some of its
/// files, and start-up ingests only empty collections, so the rest never came: the next start finishes it.
/// </summary>
public sealed class InterruptedFirstIngestTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly OrchestratorConfig _config;
    private readonly LetterHistogramEmbedder _embedder = new("model-a");

    public InterruptedFirstIngestTests()
    {
        _dir.Write("agents/hr.yaml", """
            name: hr
            kind: retrieval
            description: Answers HR questions.
            examples: [ "How many vacation days do I get?", "what is the parental leave policy", "can I carry over leave" ]
            knowledge: hr
            """);
        _dir.Write("knowledge/a-leave.md", "Employees get 25 vacation days a year.");
        _dir.Write("knowledge/b-sick.md", "Report sick to your manager before 9:00.");
        _dir.Write("knowledge/c-parental.md", "Parents get 16 weeks of paid parental leave.");
        var loaded = ConfigLoader.Load(_dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
            collections:
              hr: { paths: [ knowledge ] }
            agents: agents/
            """), BuiltInTools.ValidationContext());
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        _config = loaded.Config!;
        Directory.CreateDirectory(OrchestratorRuntime.StateDirectory(_config));
    }

    public void Dispose() => _dir.Dispose();

    private string StoreFile => Path.Combine(OrchestratorRuntime.StateDirectory(_config), "store.db");

    [Fact]
    public async Task A_first_ingest_stopped_after_one_file_is_finished_by_the_next_start()
    {
        using (var store = new SqliteVectorStore(StoreFile))
        using (var stop = new CancellationTokenSource())
        {
            // Stopped as a SIGTERM stops the warm-up: its token is cancelled between two files.
            var options = new RuntimeOptions { LoggerFactory = NullLoggerFactory.Instance, IngestProgress = new StopAfterFirstFile(stop) };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartupIngestion.RunAsync(_config, store, _embedder, options, stop.Token));
            Assert.Single(await store.ListSourcesAsync("hr"));
        }

        using (var store = new SqliteVectorStore(StoreFile))
        {
            var status = new List<string>();
            await StartupIngestion.RunAsync(_config, store, _embedder, new RuntimeOptions { LoggerFactory = NullLoggerFactory.Instance, Status = new SyncProgress(status) }, CancellationToken.None);

            Assert.Equal(3, (await store.ListSourcesAsync("hr")).Count);
            Assert.Contains("finishing the first ingest of collection 'hr', which was interrupted", status);
        }
    }

    [Fact]
    public async Task A_finished_first_ingest_leaves_no_marker_so_later_starts_ingest_nothing()
    {
        using var store = new SqliteVectorStore(StoreFile);
        var options = new RuntimeOptions { LoggerFactory = NullLoggerFactory.Instance };
        await StartupIngestion.RunAsync(_config, store, _embedder, options, CancellationToken.None);
        Assert.Empty(Directory.EnumerateFiles(OrchestratorRuntime.StateDirectory(_config), "*.pending", SearchOption.AllDirectories));

        // A file added later is not ingested by a start (only `orchestrator ingest` looks for new files).
        _dir.Write("knowledge/d-new.md", "Bereavement leave is 5 days.");
        var status = new List<string>();
        await StartupIngestion.RunAsync(_config, store, _embedder, options with { Status = new SyncProgress(status) }, CancellationToken.None);

        Assert.Equal(3, (await store.ListSourcesAsync("hr")).Count);
        Assert.Empty(status);
    }

    private sealed class StopAfterFirstFile(CancellationTokenSource stop) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => stop.Cancel();
    }
}
