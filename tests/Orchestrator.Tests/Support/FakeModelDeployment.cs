using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A deployment on disk whose generative model is the loopback fake OpenAI server: a `writer`
/// generation agent on that model and a `parking` retrieval agent without one. Tests vary the
/// writer's guardian checks and add orchestrator.yaml sections (router mode, guardian model).
/// </summary>
internal sealed class FakeModelDeployment : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    private FakeModelDeployment(FakeOpenAiServer server) => Server = server;

    public FakeOpenAiServer Server { get; }

    public OrchestratorRuntime Runtime { get; private set; } = null!;

    public static async Task<FakeModelDeployment> StartAsync(string writerGuardian, string extraConfig = "")
    {
        var deployment = new FakeModelDeployment(FakeOpenAiServer.Start());
        var dir = deployment._dir;
        dir.Write("prompts/draft.md", "Draft for Northwind: {{$question}}");
        dir.Write("agents/writer.yaml", $"""
            name: writer
            kind: generation
            description: Drafts emails and announcements.
            examples: [ "Draft an email to my team", "write an announcement", "compose a thank-you note" ]
            model: writer-model
            prompt: draft
            guardian: [ {writerGuardian} ]
            """);
        dir.Write("agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            """);
        dir.Write("knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n");
        SharedRouterCache.LinkInto(Path.Combine(dir.Path, ".orchestrator"));
        var configFile = dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              writer-model: { provider: openai, endpoint: "{{deployment.Server.Endpoint}}", model: fake-gpt, max_retries: 0, timeout_seconds: 20 }
            {{extraConfig}}
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            prompts: prompts/
            """);
        deployment.Runtime = await TestRuntimes.StartAsync(configFile);
        return deployment;
    }

    public async ValueTask DisposeAsync()
    {
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }

        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
