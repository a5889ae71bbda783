using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Generation;

/// <summary>The runtime wires generation agents with a model to the fake OpenAI server, from YAML on disk.</summary>
public sealed class GenerationRuntimeTests : IAsyncLifetime
{
    private FakeModelDeployment _deployment = null!;

    private OrchestratorRuntime Runtime => _deployment.Runtime;

    private FakeOpenAiServer Server => _deployment.Server;

    public async Task InitializeAsync() => _deployment = await FakeModelDeployment.StartAsync("pii", "");

    public async Task DisposeAsync() => await _deployment.DisposeAsync();

    [Fact]
    public async Task Generation_agent_answers_through_the_model()
    {
        Server.Enqueue(FakeOpenAiReply.WithText("Hi team, the demo is on Friday."));

        var response = await Runtime.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo", "writer"));

        Assert.Equal("Hi team, the demo is on Friday.", response.Answer);
        Assert.False(response.Escalation.Needed);
        Assert.Equal("Draft for Northwind: remind the team about the demo", Assert.Single(Server.Requests).Messages[1].Content);
    }

    [Fact]
    public async Task Server_error_marks_the_request_specialist_failed()
    {
        Server.DefaultReply = FakeOpenAiReply.Error(500);

        var response = await Runtime.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo", "writer"));

        Assert.True(response.Escalation.Needed);
        Assert.Equal("specialist_failed", response.Escalation.Reason);
        Assert.Contains("HTTP 500", response.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieval_agents_without_a_model_never_call_it()
    {
        var response = await Runtime.Pipeline.AskAsync(new OrchestratorRequest("Where can employees park?", "parking"));

        Assert.Contains("level 2", response.Answer, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }
}
