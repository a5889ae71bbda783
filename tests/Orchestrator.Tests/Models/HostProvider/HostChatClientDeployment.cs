using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary>
/// A library host whose cloud models are <c>provider: host</c>: the escalation target <c>cloud</c> and its
/// fallback <c>backup</c> are in-process <see cref="FakeChatClient"/>s registered with M.E.AI's
/// <c>AddKeyedChatClient</c>, no HTTP anywhere. A projects agent answers locally from a small knowledge base.
/// </summary>
internal sealed class HostChatClientDeployment : IDisposable
{
    private readonly TempDirectory _dir = new();

    public HostChatClientDeployment(string escalationExtra = "")
    {
        _dir.Write("knowledge/projects.md", """
            # Projects

            ## Data platform
            The data platform migration, internally called BLUEBIRD, finishes in March.
            """);
        _dir.Write("agents/projects.yaml", """
            name: projects
            kind: retrieval
            description: Answers questions about company projects and their schedules.
            examples: [ "When does the data platform migration finish?", "When does the mobile app ship?", "What is the status of the migration project?" ]
            knowledge: projects
            """);
        SharedRouterCache.LinkInto(Path.Combine(_dir.Path, ".orchestrator"));
        ConfigFile = _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: host, max_output_tokens: 256, price: { input_per_mtok: 1, output_per_mtok: 1 }, resilience: { max_retries: 1, base_delay_ms: 1 } }
              backup: { provider: host, price: { input_per_mtok: 1, output_per_mtok: 1 }, resilience: { enabled: false } }
            router:
              out_of_scope_examples: [ "what's the weather tomorrow", "tell me a joke", "who won the football match" ]
            collections:
              projects: { paths: [ knowledge ] }
            agents: agents/
            escalation: { target: cloud, fallbacks: [ backup ], budget: { usd_per_day: 5 }{{escalationExtra}} }
            """);
    }

    public string ConfigFile { get; }

    public FakeChatClient Cloud { get; } = new() { Reply = "The BLUEBIRD migration is a cloud answer." };

    public FakeChatClient Backup { get; } = new() { Reply = "The BLUEBIRD migration is a backup answer." };

    /// <summary>Builds and starts the host; <paramref name="registerClients"/> false leaves the keyed clients out.</summary>
    public async Task<IHost> StartAsync(bool registerClients = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (registerClients)
        {
            builder.Services.AddKeyedChatClient("cloud", Cloud);
            builder.Services.AddKeyedChatClient("backup", Backup);
        }

        builder.Services.AddOrchestrator(o => { o.ConfigFile = ConfigFile; o.WarmUpInBackground = false; });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static Task<OrchestratorRuntime> RuntimeOf(IHost host) =>
        host.Services.GetRequiredService<HostedOrchestrator>().GetRuntimeAsync();

    public void Dispose() => _dir.Dispose();
}
