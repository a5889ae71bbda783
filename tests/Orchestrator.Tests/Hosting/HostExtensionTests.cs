using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Configuration;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// What a .NET team meets when it extends the orchestrator from its own host: its own guardian check
/// (one that redacts, one that throws, one that returns null) on the agent's list, the agent's and the
/// global output rail, local, cloud and streamed answers; and its own specialist for a generation agent.
/// </summary>
public sealed partial class HostExtensionTests : IAsyncDisposable
{
    private const string CloudText = "The BLUEBIRD migration is a cloud answer. It finishes in March.";

    private readonly TempDirectory _dir = new();
    private readonly FakeOpenAiServer _cloud = FakeOpenAiServer.Start();
    private readonly CapturingLoggerProvider _logs = new();

    public async ValueTask DisposeAsync()
    {
        await _cloud.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_guardian_check_that_throws_withholds_the_answer_instead_of_failing_the_request()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", check: new CodeNameCheck { Throw = true });

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.False(response.Guardian.Passed);
        var check = Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.False(check.Passed);
        Assert.DoesNotContain("backend-secret", check.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("backend-secret", response.Answer, StringComparison.Ordinal);
        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.Contains(_logs.Lines, l => l.Contains(CodeNameCheck.CheckName, StringComparison.Ordinal) && l.Contains("backend-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guardian_check_that_returns_null_withholds_the_answer_and_says_which_check()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", check: new CodeNameCheck { ReturnNull = true });

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.False(response.Guardian.Passed);
        Assert.False(Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName).Passed);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains(CodeNameCheck.CheckName, StringComparison.Ordinal) && l.Contains("null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_cloud_answer_completes_with_the_text_the_output_rail_let_through()
    {
        using var host = await StartAsync(projects: "rails: { output: { code-names: redact } }", check: new CodeNameCheck());
        _cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in host.Services.GetRequiredService<IOrchestrator>().StreamAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        var shown = string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text));
        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.True(completed.Response.Escalation.Performed);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", shown);
        Assert.Equal(shown, completed.Response.Answer);
    }

    [Fact]
    public async Task A_registered_check_runs_on_the_global_output_rail_for_local_and_cloud_answers()
    {
        using var host = await StartAsync(projects: "", check: new CodeNameCheck(), guardian: "guardian: { rails: { output: { code-names: redact } } }");
        _cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);
        var orchestrator = host.Services.GetRequiredService<IOrchestrator>();

        var local = await orchestrator.AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));
        var cloud = await orchestrator.AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        Assert.Contains("[code name]", local.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("BLUEBIRD", local.Answer, StringComparison.Ordinal);
        Assert.True(cloud.Escalation.Performed);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", cloud.Answer);
        Assert.Contains(cloud.Guardian.Checks, c => c is { Name: CodeNameCheck.CheckName, Stage: "output", Action: "redact" });
    }

    [Fact]
    public async Task A_generation_agent_without_a_model_served_by_the_hosts_own_specialist_gets_no_escalates_warning()
    {
        Write(projects: "");
        _dir.Write("agents/calculator.yaml", """
            name: calculator
            kind: generation
            description: Computes arithmetic expressions.
            examples: [ "What is 12 * 7?", "Compute 150 / 4", "How much is 19 + 23?" ]
            escalation: { allowed: false }
            """);
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddSpecialist<EchoSpecialist>("calculator"));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("What is 12 * 7?", "calculator"));

        Assert.Equal("echo: What is 12 * 7?", response.Answer);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("without 'model'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_generation_agent_without_a_model_and_without_a_specialist_still_gets_the_warning()
    {
        Write(projects: "");
        _dir.Write("agents/calculator.yaml", """
            name: calculator
            kind: generation
            description: Computes arithmetic expressions.
            examples: [ "What is 12 * 7?", "Compute 150 / 4", "How much is 19 + 23?" ]
            escalation: { allowed: false }
            """);
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"); o.WarmUpInBackground = false; }));
        await host.StartAsync();

        Assert.Contains(_logs.Lines, l => l.Contains("calculator.yaml", StringComparison.Ordinal) && l.Contains("without 'model'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_request_returns_even_when_the_hosts_specialist_ignores_the_token()
    {
        Write(projects: "");
        _dir.Write("agents/calculator.yaml", """
            name: calculator
            kind: generation
            description: Computes arithmetic expressions.
            examples: [ "What is 12 * 7?", "Compute 150 / 4", "How much is 19 + 23?" ]
            escalation: { allowed: false }
            """);
        var stubborn = new StubbornSpecialist();
        using var host = Build(b => b.Services.AddSingleton(stubborn) // AddSpecialist<T> resolves T from the container
            .AddOrchestrator(o => { o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddSpecialist<StubbornSpecialist>("calculator"));
        await host.StartAsync();
        using var cts = new CancellationTokenSource();

        var ask = host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("What is 12 * 7?", "calculator"), cts.Token);
        await stubborn.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        try
        {
            // Bounds a hang only: before the fix the request waited for the specialist however long it took.
            var finished = await Task.WhenAny(ask, Task.Delay(TimeSpan.FromMinutes(1)));
            Assert.Same(ask, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        }
        finally
        {
            stubborn.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task A_cancelled_request_returns_even_when_the_hosts_guardian_check_ignores_the_token()
    {
        var check = new StubbornCheck();
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: check);
        using var cts = new CancellationTokenSource();

        var ask = host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"), cts.Token);
        await check.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        try
        {
            var finished = await Task.WhenAny(ask, Task.Delay(TimeSpan.FromMinutes(1)));
            Assert.Same(ask, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        }
        finally
        {
            check.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task A_store_whose_dependency_nobody_registered_stops_the_start_naming_the_store_and_the_dependency()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"))
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
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"))
            .AddSpecialist<SpecialistWithADependency>(AgentKind.Generation));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AddSpecialist<{nameof(SpecialistWithADependency)}>(AgentKind.Generation)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UnregisteredDependency), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosts_own_store_is_the_one_ingest_writes_to_and_retrieval_searches()
    {
        Write(projects: "");
        var store = new CountingStore(new SqliteVectorStore(Path.Combine(_dir.Path, "own-store.db")));
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .UseVectorStore(_ => store));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.Contains("March", response.Answer, StringComparison.Ordinal);
        Assert.True(store.Replaced > 0);
        Assert.True(store.Searches > 0);
        Assert.False(File.Exists(Path.Combine(_dir.Path, ".orchestrator", "store.db")));
    }

    [Fact]
    public async Task A_host_check_named_like_a_built_in_check_stops_the_start()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"))
            .AddGuardianCheck(new NamedCheck("PII")));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AddGuardianCheck<{nameof(NamedCheck)}>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'PII' is the name of a built-in check", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_host_checks_with_one_name_stop_the_start()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"))
            .AddGuardianCheck(new CodeNameCheck())
            .AddGuardianCheck(new NamedCheck("Code-Names"))
            .AddGuardianCheck(new NamedCheck(" ")));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'Code-Names' is also the Name of {nameof(CodeNameCheck)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its Name is empty", ex.Message, StringComparison.Ordinal);
    }

    private async Task<IHost> StartAsync(string projects, IGuardianCheck check, string guardian = "")
    {
        Write(projects, guardian);
        var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(_dir.Path, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddGuardianCheck(check));
        await host.StartAsync();
        return host;
    }

    private IHost Build(Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_logs);
        configure(builder);
        return builder.Build();
    }

    private void Write(string projects, string guardian = "")
    {
        _dir.Write("knowledge/projects.md", """
            # Projects

            ## Data platform
            The data platform migration, internally called BLUEBIRD, finishes in March.
            """);
        _dir.Write("agents/projects.yaml", $"""
            name: projects
            kind: retrieval
            description: Answers questions about company projects and their schedules.
            examples: [ "When does the data platform migration finish?", "When does the mobile app ship?", "What is the status of the migration project?" ]
            knowledge: projects
            {projects}
            """);
        SharedRouterCache.LinkInto(Path.Combine(_dir.Path, ".orchestrator"));
        _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: openai, endpoint: "{{_cloud.Endpoint}}", model: fake-cloud, max_retries: 0, max_output_tokens: 256, price: { input_per_mtok: 0, output_per_mtok: 1 } }
            router:
              out_of_scope_examples: [ "what's the weather tomorrow", "tell me a joke", "who won the football match" ]
            collections:
              projects: { paths: [ knowledge ] }
            agents: agents/
            escalation: { target: cloud }
            {{guardian}}
            """);
    }

    /// <summary>Redacts internal project code names; can be told to throw or to return null, as a buggy check would.</summary>
    private sealed partial class CodeNameCheck : IGuardianCheck
    {
        public const string CheckName = "code-names";

        public bool Throw { get; init; }

        public bool ReturnNull { get; init; }

        public string Name => CheckName;

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
        {
            if (Throw)
            {
                throw new InvalidOperationException("the code-name service is down (backend-secret)");
            }

            if (ReturnNull)
            {
                return Task.FromResult<GuardianCheckResult>(null!);
            }

            var redacted = CodeNames().Replace(context.Answer, "[code name]");
            return Task.FromResult(redacted == context.Answer
                ? new GuardianCheckResult(CheckName, true, 1, "no code names")
                : new GuardianCheckResult(CheckName, false, 0, "the answer names a code name") { RewrittenAnswer = redacted });
        }

        [GeneratedRegex(@"\bBLUEBIRD\b")]
        private static partial Regex CodeNames();
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

    /// <summary>A guardian check that waits for the test, whatever its token says.</summary>
    private sealed class StubbornCheck : IGuardianCheck
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => CodeNameCheck.CheckName;

        public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task;
            return new GuardianCheckResult(Name, true, 1, "late");
        }
    }

    /// <summary>A check that passes everything, under any name.</summary>
    private sealed class NamedCheck(string name) : IGuardianCheck
    {
        public string Name => name;

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GuardianCheckResult(name, true, 1, "passed"));
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
