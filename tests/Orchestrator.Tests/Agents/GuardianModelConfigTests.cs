using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

public sealed class GuardianModelConfigTests
{
    private static readonly int Lines = ConfigFixture.OrchestratorYaml.Split('\n').Length;

    [Fact]
    public void Guardian_model_is_read_and_agents_may_name_the_model_checks()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nguardian:\n  model: ollama\n  pii: { mode: block }\n");
        fixture.Write("agents/hr-policy.yaml", ConfigFixture.HrAgentYaml.Replace("[ groundedness, pii ]", "[ groundedness, model-harm, model-groundedness, model-relevance ]", StringComparison.Ordinal));

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Equal("ollama", result.Config!.Guardian.Model);
        Assert.Equal("block", result.Config.Guardian.PiiMode);
        Assert.Contains("model-relevance", result.Config.FindAgent("hr-policy")!.Guardian);
    }

    [Fact]
    public void Guardian_model_defaults_to_none()
    {
        using var fixture = new ConfigFixture();
        Assert.Null(fixture.Load().Config!.Guardian.Model);
    }

    [Fact]
    public void Undeclared_guardian_model_is_an_error_with_a_suggestion()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nguardian:\n  model: olama\n");

        var error = HasError(fixture.Load(), "orchestrator.yaml", Lines + 2, "guardian model 'olama' is not declared under models");
        Assert.Contains("did you mean 'ollama'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedder_as_guardian_model_is_an_error()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nguardian:\n  model: embedder\n");

        HasError(fixture.Load(), "orchestrator.yaml", Lines + 2, "guardian model 'embedder' is an embedder");
    }

    [Fact]
    public void Model_check_without_a_guardian_model_is_an_error_at_the_agent_line()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("agents/hr-policy.yaml", ConfigFixture.HrAgentYaml.Replace("[ groundedness, pii ]", "[ groundedness, model-harm ]", StringComparison.Ordinal));

        HasError(fixture.Load(), "agents/hr-policy.yaml", 11, "guardian check 'model-harm' needs a guardian model");
    }

    [Fact]
    public void Unknown_guardian_field_lists_model()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nguardian:\n  modle: ollama\n");

        var error = HasError(fixture.Load(), "orchestrator.yaml", Lines + 2, "unknown field 'modle'");
        Assert.Contains("model", error.Message, StringComparison.Ordinal);
    }
}
