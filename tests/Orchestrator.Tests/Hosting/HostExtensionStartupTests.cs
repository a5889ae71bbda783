using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Configuration;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// A host's own specialist and vector store: a model-less generation agent it serves, a specialist that ignores
/// its token, constructor dependencies nobody registered, and the store ingest and retrieval really use.
/// </summary>
public sealed class HostExtensionStartupTests : HostExtensionTestBase
{
    [Fact]
    public async Task A_generation_agent_without_a_model_served_by_the_hosts_own_specialist_gets_no_escalates_warning()
    {
        Write(projects: "");
        WriteCalculatorAgent();
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddSpecialist<EchoSpecialist>("calculator"));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("What is 12 * 7?", "calculator"));

        Assert.Equal("echo: What is 12 * 7?", response.Answer);
        Assert.DoesNotContain(Logs.Lines, l => l.Contains("without 'model'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_generation_agent_without_a_model_and_without_a_specialist_still_gets_the_warning()
    {
        Write(projects: "");
        WriteCalculatorAgent();
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; }));
        await host.StartAsync();

        Assert.Contains(Logs.Lines, l => l.Contains("calculator.yaml", StringComparison.Ordinal) && l.Contains("without 'model'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_request_returns_even_when_the_hosts_specialist_ignores_the_token()
    {
        Write(projects: "");
        WriteCalculatorAgent();
        var stubborn = new StubbornSpecialist();
        using var host = Build(b => b.Services.AddSingleton(stubborn) // AddSpecialist<T> resolves T from the container
            .AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddSpecialist<StubbornSpecialist>("calculator"));
        await host.StartAsync();
        using var cts = new CancellationTokenSource();

        var ask = host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("What is 12 * 7?", "calculator"), cts.Token);
        await stubborn.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        // Bounds a hang only: before the fix the request waited for the specialist however long it took.
        await AssertCancelledPromptlyAsync(ask, stubborn.Release);
    }

    [Fact]
    public async Task A_store_whose_dependency_nobody_registered_stops_the_start_naming_the_store_and_the_dependency()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"))
            .UseVectorStore<StoreWithADependency>());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("UseVectorStore", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(StoreWithADependency), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UnregisteredDependency), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_specialist_whose_dependency_nobody_registered_stops_the_start_naming_it()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"))
            .AddSpecialist<SpecialistWithADependency>(AgentKind.Generation));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AddSpecialist<{nameof(SpecialistWithADependency)}>(AgentKind.Generation)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UnregisteredDependency), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosts_own_store_is_the_one_ingest_writes_to_and_retrieval_searches()
    {
        Write(projects: "");
        var store = new CountingStore(new SqliteVectorStore(Path.Combine(Directory, "own-store.db")));
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .UseVectorStore(_ => store));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.Contains("March", response.Answer, StringComparison.Ordinal);
        Assert.True(store.Replaced > 0);
        Assert.True(store.Searches > 0);
        Assert.False(File.Exists(Path.Combine(Directory, ".orchestrator", "store.db")));
    }

    /// <summary>A specialist that waits for the test, whatever its token says.</summary>
    private sealed class StubbornSpecialist : ISpecialist
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task;
            return new SpecialistResult { Succeeded = true, Answer = "84" };
        }
    }

    /// <summary>A service the host forgot to register.</summary>
    private sealed class UnregisteredDependency;

    private sealed class SpecialistWithADependency(UnregisteredDependency dependency) : ISpecialist
    {
        public Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SpecialistResult { Succeeded = dependency is not null });
    }

    /// <summary>A store that needs a service nobody registered; it is never used.</summary>
    private sealed class StoreWithADependency(UnregisteredDependency dependency) : IVectorStore
    {
        public UnregisteredDependency Dependency { get; } = dependency;

        public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> CountAsync(string collection, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>A host's own store: the embedded one underneath, counting what reaches it.</summary>
    private sealed class CountingStore(SqliteVectorStore inner) : IVectorStore, IDisposable
    {
        public int Replaced { get; private set; }

        public int Searches { get; private set; }

        public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) => inner.EnsureCollectionAsync(collection, dimensions, cancellationToken);

        public Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default) => inner.GetDocumentFingerprintAsync(collection, source, cancellationToken);

        public Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default)
        {
            Replaced++;
            return inner.ReplaceDocumentAsync(collection, document, chunks, cancellationToken);
        }

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default)
        {
            Searches++;
            return inner.SearchAsync(collection, query, cancellationToken);
        }

        public Task<int> CountAsync(string collection, CancellationToken cancellationToken = default) => inner.CountAsync(collection, cancellationToken);

        public Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default) => inner.ListSourcesAsync(collection, cancellationToken);

        public Task<int> RemoveDocumentsAsync(string collection, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default) => inner.RemoveDocumentsAsync(collection, sources, cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>A host's own specialist that answers every question itself.</summary>
    private sealed class EchoSpecialist : ISpecialist
    {
        public Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SpecialistResult { Succeeded = true, Answer = "echo: " + request.Question });
    }
}
