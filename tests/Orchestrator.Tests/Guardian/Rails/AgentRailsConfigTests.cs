using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>An agent file's <c>rails:</c>: read, validated with file:line errors, and combined with the global rails.</summary>
public sealed class AgentRailsConfigTests
{
    /// <summary>The line <c>rails</c> starts on in the agent file <see cref="Load"/> writes.</summary>
    private const int RailsLine = 7;

    private static ConfigLoadResult Load(string rails, string global = "", string guardianList = "[ groundedness, pii ]")
    {
        using var deployment = new MiniDeployment(piiSection: global);
        File.WriteAllText(Path.Combine(deployment.Root, "agents", "people.yaml"), $"""
            name: people
            kind: retrieval
            description: Who to contact about payroll and salary payments.
            examples: [ "Who handles payroll questions?", "who do I ask about my salary payment", "payroll contact details" ]
            knowledge: people
            guardian: {guardianList}
            {rails}
            """);
        return ConfigLoader.Load(deployment.ConfigFile, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());
    }

    [Fact]
    public void Agent_rails_are_read_per_point()
    {
        var loaded = Load("rails: { input: { injection: block, pii: redact }, retrieval: { injection: quarantine }, output: { harm: escalate, links: flag } }");

        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        var rails = loaded.Agents.Single(a => a.Name == "people").Rails;
        Assert.Equal("block", rails.Input["injection"]);
        Assert.Equal("redact", rails.Input["pii"]);
        Assert.Equal("quarantine", rails.Retrieval["injection"]);
        Assert.Equal("escalate", rails.Output["harm"]);
        Assert.Equal("flag", rails.Output["links"]);
        Assert.True(loaded.Agents.Single(a => a.Name == "facilities").Rails.IsEmpty);
    }

    [Theory]
    [InlineData("rails: { input: { toxicity: block } }", "unknown field 'toxicity' in rails.input")]
    [InlineData("rails: { input: { injection: explode } }", "invalid injection 'explode'")]
    [InlineData("rails: { input: { injection: redact } }", "'injection' cannot be redacted")]
    [InlineData("rails: { retrieval: { injection: block } }", "invalid injection 'block'")]
    [InlineData("rails: { output: { nonsense: flag } }", "unknown field 'nonsense' in rails.output")]
    [InlineData("rails: { during: { pii: flag } }", "unknown field 'during' in rails")]
    [InlineData("rails: [ injection ]", "'rails' must be a mapping")]
    [InlineData("rails: block", "'rails' must be a mapping")]
    [InlineData("rails: { input: [ injection, harm ] }", "'input' must be a mapping")]
    [InlineData("rails: { input: { injection: [ block ] } }", "'injection' must be one of")]
    [InlineData("rails: { input: { injection: 7 } }", "invalid injection '7'")]
    [InlineData("rails: {}", "'rails' is empty")]
    [InlineData("rails:", "'rails' is empty")]
    [InlineData("rails: { input: {} }", "'rails.input' has no checks")]
    [InlineData("rails: { output: }", "'rails.output' has no checks")]
    [InlineData("rails: { input: { injection: } }", "'injection' has no action")]
    [InlineData("rails: { output: { groundedness: block } }", "'groundedness' is both in this agent's guardian list and in rails.output")]
    [InlineData("rails: { output: { model-harm: block } }", "needs a guardian model")]
    public void Bad_agent_rails_are_reported_at_the_agent_file_and_line(string rails, string expected)
    {
        var loaded = Load(rails);

        var error = Assert.Single(loaded.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.EndsWith("people.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(RailsLine, error.Line);
    }

    [Fact]
    public void Huge_rail_point_is_one_error_not_one_per_entry()
    {
        var entries = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"check{i}: block"));

        var loaded = Load($"rails: {{ input: {{ {entries} }} }}");

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("'input' has 10000 entries; expected at most 32", error.Message, StringComparison.Ordinal);
        Assert.Equal(RailsLine, error.Line);
    }

    [Fact]
    public void Hostile_text_in_rails_is_an_error_not_a_crash()
    {
        var loaded = Load("rails: { input: { \"inj\\u200Bection\": block, \"\": flag }, output: { \"<script>\": \"\\u0000\" } }");

        Assert.False(loaded.Succeeded);
        Assert.All(loaded.Errors, e => Assert.Equal(RailsLine, e.Line));
    }

    [Fact]
    public void Merging_adds_agent_checks_and_keeps_the_stronger_action()
    {
        var global = new RailsConfig
        {
            Input = new Dictionary<string, string> { ["injection"] = "block", ["pii"] = "flag" },
            Retrieval = new Dictionary<string, string> { ["injection"] = "flag" },
            Output = new Dictionary<string, string> { ["pii"] = "redact" },
        };
        var agent = new RailsConfig
        {
            Input = new Dictionary<string, string> { ["injection"] = "flag", ["pii"] = "block", ["harm"] = "escalate" },
            Retrieval = new Dictionary<string, string> { ["injection"] = "quarantine" },
            Output = new Dictionary<string, string> { ["pii"] = "flag", ["links"] = "block" },
        };

        var merged = global.MergedWith(agent);

        Assert.Equal("block", merged.Input["injection"]);   // the agent cannot loosen the global rail
        Assert.Equal("block", merged.Input["pii"]);         // but can tighten it
        Assert.Equal("escalate", merged.Input["harm"]);     // and add checks
        Assert.Equal("quarantine", merged.Retrieval["injection"]);
        Assert.Equal("redact", merged.Output["pii"]);
        Assert.Equal("block", merged.Output["links"]);
        Assert.Same(global, global.MergedWith(new RailsConfig()));

        // After routing only what the agent adds or tightens runs again.
        Assert.Equal(new Dictionary<string, string> { ["pii"] = "block", ["harm"] = "escalate" }, global.InputTightenedBy(agent));
    }

    [Fact]
    public void Equal_strength_retrieval_actions_take_the_agents_choice()
    {
        var global = new RailsConfig { Retrieval = new Dictionary<string, string> { ["injection"] = "quarantine" } };
        var agent = new RailsConfig { Retrieval = new Dictionary<string, string> { ["injection"] = "drop" } };

        Assert.Equal("drop", global.MergedWith(agent).Retrieval["injection"]);
    }
}
