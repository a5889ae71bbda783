using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>The runtime wires <c>router: { mode: slm }</c> and <c>guardian: { model }</c> to the fake OpenAI server, from YAML on disk.</summary>
public sealed class SlmRuntimeTests : IAsyncLifetime
{
    private FakeModelDeployment _deployment = null!;

    private OrchestratorRuntime Runtime => _deployment.Runtime;

    private FakeOpenAiServer Server => _deployment.Server;

    public async Task InitializeAsync() => _deployment = await FakeModelDeployment.StartAsync("model-harm", "router: { mode: slm, model: writer-model }\nguardian: { model: writer-model }");

    public async Task DisposeAsync() => await _deployment.DisposeAsync();

    [Fact]
    public async Task Slm_routes_and_the_model_guardian_passes_the_answer()
    {
        Server.Enqueue(
            FakeOpenAiReply.WithText("""{"agent": "writer", "confidence": 0.92}"""),
            FakeOpenAiReply.WithText("Hi team, the demo is on Friday."),
            FakeOpenAiReply.WithText("No"));

        var response = await Runtime.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo"));

        Assert.Equal("writer", response.Route.Agent);
        Assert.Equal(0.92, response.Route.Confidence, 6);
        Assert.Equal("Hi team, the demo is on Friday.", response.Answer);
        Assert.True(response.Guardian.Passed);
        Assert.Equal("model-harm", Assert.Single(response.Guardian.Checks).Name);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task Risky_verdict_withholds_the_answer_and_escalates()
    {
        Server.Enqueue(
            FakeOpenAiReply.WithText("""{"agent": "writer", "confidence": 0.92}"""),
            FakeOpenAiReply.WithText("Something harmful."),
            FakeOpenAiReply.WithText("Yes"));

        var response = await Runtime.Pipeline.AskAsync(new OrchestratorRequest("remind the team about the demo"));

        Assert.False(response.Guardian.Passed);
        Assert.True(response.Escalation.Needed);
        Assert.DoesNotContain("Something harmful", response.Answer, StringComparison.Ordinal);
    }
}
