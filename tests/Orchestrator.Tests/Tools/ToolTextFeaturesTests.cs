using System.Text.Json;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// The selector's tool-side text features are kept per descriptor (perf20); they must equal the
/// per-request computation they replace, and a changed descriptor must get its own.
/// </summary>
public sealed class ToolTextFeaturesTests
{
    private static ToolDescriptor Tool() => new()
    {
        Name = "get_leave_balance",
        Description = "Look up how many vacation and sick days an employee has left this year.",
        ParametersSchema = JsonDocument.Parse("""
            {"type":"object","properties":{"employee_id":{"type":"string","description":"The employee's ID, e.g. NW-1042"},
             "kind":{"type":"string","enum":["vacation","sick"],"description":"Which balance"}},"required":["employee_id"]}
            """).RootElement.Clone(),
        Examples = ["how many vacation days do I have left", "sick days remaining for NW-1042"],
    };

    [Fact]
    public void The_kept_features_equal_the_per_request_computation()
    {
        var tool = Tool();
        var kept = ToolTextFeatures.Of(tool);
        Assert.Equal(LexicalOverlap.Stems(LexicalOverlap.ToolText(tool)).Order(StringComparer.Ordinal), kept.ToolStems.Order(StringComparer.Ordinal));
        Assert.Equal(LexicalOverlap.Stems(ToolSelector.Humanize(tool.Name)).Order(StringComparer.Ordinal), kept.NameStems.Order(StringComparer.Ordinal));
        Assert.Equal(Grounding.ObjectPhrase(tool), kept.ObjectPhrase);
        Assert.Equal(LexicalOverlap.Stems(Grounding.ObjectPhrase(tool)).Order(StringComparer.Ordinal), kept.ObjectStems.Order(StringComparer.Ordinal));
        Assert.Equal(Grounding.RequiredParameterPhrases(tool), kept.RequiredParameterPhrases);
        Assert.Equal(1, kept.RequiredCount);
        Assert.Contains("vacat", kept.ToolStems);
        Assert.Contains("remai", kept.ToolStems);
    }

    [Fact]
    public void One_descriptor_is_analysed_once_and_a_changed_copy_again()
    {
        var tool = Tool();
        Assert.Same(ToolTextFeatures.Of(tool), ToolTextFeatures.Of(tool));
        var renamed = tool with { Description = "Open a ticket for a broken laptop.", Examples = [] };
        var features = ToolTextFeatures.Of(renamed);
        Assert.NotSame(ToolTextFeatures.Of(tool), features);
        Assert.Contains("lapto", features.ToolStems);
        Assert.DoesNotContain("remai", features.ToolStems); // from the first one's examples
        Assert.Equal(ToolTextFeatures.Compute(renamed).ToolStems.Order(StringComparer.Ordinal), features.ToolStems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_sample_tools_kept_features_equal_a_fresh_computation()
    {
        using var kit = new ToolTestKit();
        foreach (var tool in kit.Registry.All)
        {
            var kept = ToolTextFeatures.Of(tool);
            var fresh = ToolTextFeatures.Compute(tool);
            Assert.Equal(fresh.ToolStems.Order(StringComparer.Ordinal), kept.ToolStems.Order(StringComparer.Ordinal));
            Assert.Equal(fresh.ObjectPhrase, kept.ObjectPhrase);
            Assert.Equal(fresh.RequiredParameterPhrases, kept.RequiredParameterPhrases);
            Assert.Equal(fresh.RequiredCount, kept.RequiredCount);
        }
    }
}

/// <summary>A single-tool agent's tool with its examples is one descriptor across requests (perf20), so its text features are kept.</summary>
public sealed class AgentExampleToolTests
{
    private static ToolDescriptor Tool() => new()
    {
        Name = "get_leave_balance",
        Description = "Look up leave balances.",
        ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone(),
        Examples = ["leave left"],
    };

    [Fact]
    public void The_merged_descriptor_is_the_same_instance_on_every_request_and_holds_both_example_lists()
    {
        var tool = Tool();
        var agent = ToolTestKit.Agent("get_leave_balance");
        agent = new Orchestrator.Configuration.AgentDefinition { Name = agent.Name, Kind = agent.Kind, Description = agent.Description, Tools = agent.Tools, Examples = ["how many days off do I have"] };
        var first = Orchestrator.Specialists.ToolCallingSpecialist.WithAgentExamples([tool], agent);
        var second = Orchestrator.Specialists.ToolCallingSpecialist.WithAgentExamples([tool], agent);
        Assert.Same(first[0], second[0]);
        Assert.Equal(["leave left", "how many days off do I have"], first[0].Examples);
        Assert.Same(ToolTextFeatures.Of(first[0]), ToolTextFeatures.Of(second[0]));

        var otherTool = Tool();
        Assert.NotSame(first[0], Orchestrator.Specialists.ToolCallingSpecialist.WithAgentExamples([otherTool], agent)[0]);
    }

    [Fact]
    public void Several_tools_or_no_agent_examples_are_passed_through()
    {
        var tools = new[] { Tool(), Tool() with { Name = "other" } };
        var agent = ToolTestKit.Agent("get_leave_balance", "other");
        Assert.Same(tools, Orchestrator.Specialists.ToolCallingSpecialist.WithAgentExamples(tools, agent));
        IReadOnlyList<ToolDescriptor> one = [Tool()];
        Assert.Same(one, Orchestrator.Specialists.ToolCallingSpecialist.WithAgentExamples(one, ToolTestKit.Agent("get_leave_balance")));
    }
}
