using Orchestrator.Agents;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Generation;

/// <summary>The runtime wires generation agents with a model to the fake OpenAI server, from YAML on disk.</summary>
public sealed class GenerationRuntimeTests : IAsyncLifetime
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
            guardian: [ pii ]
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
    public async Task Generation_agent_answers_through_the_model()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Hi team, the demo is on Friday."));

        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo", "writer"));

        Assert.Equal("Hi team, the demo is on Friday.", response.Answer);
        Assert.False(response.Escalation.Needed);
        Assert.Equal("Draft for Northwind: remind the team about the demo", Assert.Single(_server.Requests).Messages[1].Content);
    }

    [Fact]
    public async Task Server_error_marks_the_request_specialist_failed()
    {
        _server.DefaultReply = FakeOpenAiReply.Error(500);

        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo", "writer"));

        Assert.True(response.Escalation.Needed);
        Assert.Equal("specialist_failed", response.Escalation.Reason);
        Assert.Contains("HTTP 500", response.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieval_agents_without_a_model_never_call_it()
    {
        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest("Where can employees park?", "parking"));

        Assert.Contains("level 2", response.Answer, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
