using Orchestrator.Agents;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>The runtime wires <c>router: { mode: slm }</c> and <c>guardian: { model }</c> to the fake OpenAI server, from YAML on disk.</summary>
public sealed class SlmRuntimeTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();
    private OrchestratorRuntime? _runtime;

    public async Task InitializeAsync()
    {
        _dir.Write("prompts/draft.md", "Draft for Northwind: {{$question}}");
        _dir.Write("agents/writer.yaml", """
            name: writer
            kind: generation
            description: Drafts emails and announcements.
            examples: [ "Draft an email to my team", "write an announcement", "compose a thank-you note" ]
            model: writer-model
            prompt: draft
            guardian: [ model-harm ]
            """);
        _dir.Write("agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            """);
        _dir.Write("knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n");
        var configFile = _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              writer-model: { provider: openai, endpoint: "{{_server.Endpoint}}", model: fake-gpt, max_retries: 0, timeout_seconds: 20 }
            router: { mode: slm, model: writer-model }
            guardian: { model: writer-model }
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            prompts: prompts/
            """);
        _runtime = await TestRuntimes.StartAsync(configFile);
    }

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Slm_routes_and_the_model_guardian_passes_the_answer()
    {
        _server.Enqueue(
            FakeOpenAiReply.WithText("""{"agent": "writer", "confidence": 0.92}"""),
            FakeOpenAiReply.WithText("Hi team, the demo is on Friday."),
            FakeOpenAiReply.WithText("No"));

        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo"));

        Assert.Equal("writer", response.Route.Agent);
        Assert.Equal(0.92, response.Route.Confidence, 6);
        Assert.Equal("Hi team, the demo is on Friday.", response.Answer);
        Assert.True(response.Guardian.Passed);
        Assert.Equal("model-harm", Assert.Single(response.Guardian.Checks).Name);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Risky_verdict_withholds_the_answer_and_escalates()
    {
        _server.Enqueue(
            FakeOpenAiReply.WithText("""{"agent": "writer", "confidence": 0.92}"""),
            FakeOpenAiReply.WithText("Something harmful."),
            FakeOpenAiReply.WithText("Yes"));

        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo"));

        Assert.False(response.Guardian.Passed);
        Assert.True(response.Escalation.Needed);
        Assert.DoesNotContain("Something harmful", response.Answer, StringComparison.Ordinal);
    }
}
