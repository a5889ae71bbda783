using Orchestrator.Configuration;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Agents.ConfigAssert;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Agents;

public sealed class AgentsFolderValidationTests
{
    private static readonly string BrokenRefs = ConfigFixture.HrAgentYaml
        .Replace("knowledge: hr", "knowledge: payroll", StringComparison.Ordinal)
        .Replace("guardian: [ groundedness, pii ]", "guardian: [ groundednes ]", StringComparison.Ordinal);

    [Fact]
    public void Parent_orchestrator_yaml_is_used_to_check_references()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("agents/hr-policy.yaml", BrokenRefs);

        var result = ConfigLoader.ValidateAgentsFolder(Path.Combine(fixture.Directory.Path, "agents"), fixture.Context);

        HasError(result, "agents/hr-policy.yaml", 8, "knowledge 'payroll' is not a collection");
        HasError(result, "agents/hr-policy.yaml", 11, "unknown guardian check 'groundednes'");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Without_a_config_only_schema_tools_and_guardian_are_checked()
    {
        using var folder = new TempDirectory();
        folder.Write("hr-policy.yaml", BrokenRefs.Replace("kind: retrieval", "kind: retreival", StringComparison.Ordinal));

        var result = ConfigLoader.ValidateAgentsFolder(folder.Path, BuiltInTools.ValidationContext());

        HasError(result, "hr-policy.yaml", 2, "invalid kind 'retreival'");
        HasError(result, "hr-policy.yaml", 11, "unknown guardian check 'groundednes'");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Valid_folder_returns_its_agents()
    {
        using var fixture = new ConfigFixture();

        var result = ConfigLoader.ValidateAgentsFolder(Path.Combine(fixture.Directory.Path, "agents"), fixture.Context, fixture.ConfigPath);

        Assert.Empty(result.Errors);
        Assert.Null(result.Config);
        Assert.Equal(["hr-policy", "it-helpdesk"], result.Agents.Select(a => a.Name));
    }

    [Fact]
    public void Missing_or_empty_folder_is_an_error()
    {
        using var folder = new TempDirectory();
        folder.Write("notes.md", "# not an agent");

        var empty = Assert.Single(ConfigLoader.ValidateAgentsFolder(folder.Path, BuiltInTools.ValidationContext()).Errors);
        Assert.Contains("has no agent files", empty.ToString(), StringComparison.Ordinal);

        var missing = Assert.Single(ConfigLoader.ValidateAgentsFolder(Path.Combine(folder.Path, "nope"), BuiltInTools.ValidationContext()).Errors);
        Assert.Contains("does not exist", missing.ToString(), StringComparison.Ordinal);
    }
}
