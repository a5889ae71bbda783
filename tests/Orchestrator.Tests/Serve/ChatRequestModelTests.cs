using System.Text;
using Orchestrator.Configuration;
using Orchestrator.AspNetCore;

namespace Orchestrator.Tests.Serve;

/// <summary>What the request's <c>model</c> field selects: routing, a forced agent, or a requested cloud answer.</summary>
public sealed class ChatRequestModelTests
{
    private static readonly OrchestratorConfig Config = new()
    {
        ConfigFile = Path.Combine(Path.GetTempPath(), "orchestrator.yaml"),
        Escalation = new EscalationConfig { Target = "cloud" },
        Agents = [new AgentDefinition { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR" }],
    };

    private static ChatRequest Parse(string model, OrchestratorConfig? config = null) => ChatRequestParser.Parse(
        Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","messages":[{"role":"user","content":"How many leave days?"}]}"""),
        config ?? Config,
        new ServerConfig());

    [Fact]
    public void The_escalation_target_requests_a_cloud_answer_and_still_routes()
    {
        var request = Parse("cloud");
        Assert.True(request.EscalationRequested);
        Assert.Null(request.Agent);
        Assert.Equal("cloud", request.Model);
    }

    [Theory]
    [InlineData("orchestrator", null)]
    [InlineData("hr-policy", "hr-policy")]
    [InlineData("HR-Policy", "hr-policy")]
    public void Routing_and_forced_agents_do_not_request_escalation(string model, string? agent)
    {
        var request = Parse(model);
        Assert.False(request.EscalationRequested);
        Assert.Equal(agent, request.Agent);
    }

    [Fact]
    public void Unknown_models_name_the_escalation_target_in_the_error()
    {
        var error = Assert.Throws<ApiException>(() => Parse("gpt-4o"));
        Assert.Contains("\"cloud\" (the escalation target)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_target_the_target_name_is_just_unknown()
    {
        var noTarget = new OrchestratorConfig { ConfigFile = Config.ConfigFile, Agents = Config.Agents };
        var error = Assert.Throws<ApiException>(() => Parse("cloud", noTarget));
        Assert.DoesNotContain("escalation target", error.Message, StringComparison.Ordinal);
    }
}
