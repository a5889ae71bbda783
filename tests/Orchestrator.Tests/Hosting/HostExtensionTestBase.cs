using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// A .NET team's host, built in the test: a projects knowledge base (with the code name BLUEBIRD), a retrieval
/// agent, a cloud model on a loopback fake, and the host's own parts added through <c>AddOrchestrator</c>.
/// </summary>
public abstract class HostExtensionTestBase : IAsyncDisposable
{
    protected const string CloudText = "The BLUEBIRD migration is a cloud answer. It finishes in March.";

    private readonly TempDirectory _dir = new();

    protected FakeOpenAiServer Cloud { get; } = FakeOpenAiServer.Start();

    protected CapturingLoggerProvider Logs { get; } = new();

    protected string Directory => _dir.Path;

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    protected string WriteFile(string relativePath, string content) => _dir.Write(relativePath, content);

    /// <summary>A generation agent without a model, for a host's own specialist.</summary>
    protected void WriteCalculatorAgent() => WriteFile("agents/calculator.yaml", """
        name: calculator
        kind: generation
        description: Computes arithmetic expressions.
        examples: [ "What is 12 * 7?", "Compute 150 / 4", "How much is 19 + 23?" ]
        escalation: { allowed: false }
        """);

    /// <summary>The cancelled request ends (cancelled) while the host's part still holds it; the minute bounds a hang only.</summary>
    protected static async Task AssertCancelledPromptlyAsync(Task ask, TaskCompletionSource release)
    {
        try
        {
            var finished = await Task.WhenAny(ask, Task.Delay(TimeSpan.FromMinutes(1)));
            Assert.Same(ask, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    protected async Task<IHost> StartAsync(string projects, IGuardianCheck check, string guardian = "")
    {
        Write(projects, guardian);
        var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddGuardianCheck(check));
        await host.StartAsync();
        return host;
    }

    protected IHost Build(Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(Logs);
        configure(builder);
        return builder.Build();
    }

    protected void Write(string projects, string guardian = "")
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
        SharedRouterCache.LinkInto(Path.Combine(Directory, ".orchestrator"));
        _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: openai, endpoint: "{{Cloud.Endpoint}}", model: fake-cloud, max_retries: 0, max_output_tokens: 256, price: { input_per_mtok: 0, output_per_mtok: 1 } }
            router:
              out_of_scope_examples: [ "what's the weather tomorrow", "tell me a joke", "who won the football match" ]
            collections:
              projects: { paths: [ knowledge ] }
            agents: agents/
            escalation: { target: cloud }
            {{guardian}}
            """);
    }

}
