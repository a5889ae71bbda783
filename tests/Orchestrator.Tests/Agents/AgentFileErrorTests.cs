using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

public sealed class AgentFileErrorTests
{
    private const string HrFile = "agents/hr-policy.yaml";

    private static ConfigLoadResult LoadHrWith(string find, string replace)
    {
        using var fixture = new ConfigFixture();
        Assert.Contains(find, ConfigFixture.HrAgentYaml, StringComparison.Ordinal);
        fixture.Write(HrFile, ConfigFixture.HrAgentYaml.Replace(find, replace, StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void Unknown_field_lists_the_schema_and_suggests_the_closest()
    {
        var result = LoadHrWith("examples:", "exmaples:");

        var error = HasError(result, HrFile, 4, "unknown field 'exmaples'; expected one of: name, kind, description, examples, knowledge, model, prompt, tools, guardian, escalation, tests, rails (did you mean 'examples'?)");
        Assert.EndsWith("hr-policy.yaml:4: unknown field 'exmaples'; expected one of: name, kind, description, examples, knowledge, model, prompt, tools, guardian, escalation, tests, rails (did you mean 'examples'?)", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("missing required field 'examples'", StringComparison.Ordinal)); // the misspelling says it
    }

    [Fact]
    public void Every_error_in_a_file_is_collected()
    {
        var result = LoadHrWith("kind: retrieval\ndescription: Answers questions about HR policies - leave, benefits.", "kind: retrival\nscription: x");

        HasError(result, HrFile, 2, "invalid kind 'retrival'; expected one of: retrieval, tool, generation (did you mean 'retrieval'?)");
        HasError(result, HrFile, 3, "unknown field 'scription'");
        Assert.Equal(2, result.Errors.Count); // not also "missing required field 'description'": its misspelling says it
    }

    [Theory]
    [InlineData("name: hr-policy", "name: hr policy!", 1, "agent name 'hr policy!' is invalid; expected 1 to 64 letters, digits, '-' and '_'")]
    [InlineData("name: hr-policy", "name: Orchestrator", 1, "agent name 'Orchestrator' is reserved")]
    [InlineData("knowledge: hr", "knowledge: hrr", 8, "knowledge 'hrr' is not a collection; expected one of: hr (did you mean 'hr'?)")]
    [InlineData("knowledge: hr", "# no knowledge", 1, "missing required field 'knowledge'; expected the collection a retrieval agent searches")]
    [InlineData("model: local-writer", "model: embedder", 9, "model 'embedder' is an embedder (provider embedded-minilm) and cannot generate text; expected a generative model, one of: local-writer, ollama, cloud")]
    [InlineData("model: local-writer", "model: gpt", 9, "model 'gpt' is not declared under models")]
    [InlineData("prompt: grounded-answer", "prompt: grounded", 10, "prompt 'grounded' not found; expected a file named grounded.<ext> in ")]
    [InlineData("guardian: [ groundedness, pii ]", "guardian: [ groundedness, pi ]", 11, "unknown guardian check 'pi'; expected one of: groundedness, harm, injection, links, model-groundedness, model-harm, model-relevance, pii, relevance (did you mean 'pii'?)")]
    [InlineData("guardian: [ groundedness, pii ]", "guardian: pii", 11, "'guardian' must be a list of guardian checks")]
    [InlineData("escalation: { allowed: true, always: false }", "escalation: { allowed: yes }", 12, "'allowed' is 'yes'; expected true or false")]
    [InlineData("escalation: { allowed: true, always: false }", "escalation: { allowed: false, always: true }", 12, "contradict")]
    [InlineData("escalation: { allowed: true, always: false }", "escalation: true", 12, "'escalation' must be a mapping (field: value) with fields: allowed, always, triggers; found a single value")]
    [InlineData("escalation: { allowed: true, always: false }", "escalation: { triggers: [ guardian_faild ] }", 12, "unknown escalation trigger 'guardian_faild'; expected one of: out_of_scope, low_confidence, specialist_failed, guardian_failed, requested, policy (did you mean 'guardian_failed'?)")]
    [InlineData("description: Answers questions about HR policies - leave, benefits.", "description: [ a, b ]", 3, "'description' must be one or two sentences")]
    public void Bad_agent_field_is_reported_at_its_line(string find, string replace, int line, string message)
    {
        HasError(LoadHrWith(find, replace), HrFile, line, message);
    }

    [Fact]
    public void Fewer_than_three_examples_and_duplicates_are_errors()
    {
        var tooFew = LoadHrWith("  - \"How do I claim expenses?\"\n", "");
        HasError(tooFew, HrFile, 4, "'examples' has 2; expected a list of at least 3 requests this agent should take");

        var duplicate = LoadHrWith("  - \"How do I claim expenses?\"", "  - \"how many vacation days do I get? \"");
        HasError(duplicate, HrFile, 7, "duplicate example (same as line 5)");

        var blank = LoadHrWith("  - \"How do I claim expenses?\"", "  - \"  \"");
        HasError(blank, HrFile, 7, "example is blank");
    }

    [Fact]
    public void Unregistered_tool_is_an_error_and_tool_agents_need_tools()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("create_it_ticket", "create_ticket", StringComparison.Ordinal));
        HasError(fixture.Load(), "agents/it-helpdesk.yaml", 5, "tool 'create_ticket' is not registered; expected a registered tool name (registered tools: create_it_ticket)");

        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("tools: [ create_it_ticket ]", "", StringComparison.Ordinal));
        HasError(fixture.Load(), "agents/it-helpdesk.yaml", 1, "missing required field 'tools'");
    }

    [Fact]
    public void Context_extends_the_known_guardian_checks()
    {
        using var fixture = new ConfigFixture();
        fixture.Write(HrFile, ConfigFixture.HrAgentYaml.Replace("[ groundedness, pii ]", "[ toxicity ]", StringComparison.Ordinal));
        HasError(fixture.Load(), HrFile, 11, "unknown guardian check 'toxicity'");

        fixture.Context.GuardianChecks.Add("toxicity");

        Assert.Empty(fixture.Load().Errors);
    }

    [Fact]
    public void Duplicate_names_across_files_are_reported_in_both_files()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("agents/zz-copy.yml", "# a copy\n" + ConfigFixture.HrAgentYaml.Replace("name: hr-policy", "name: HR-Policy", StringComparison.Ordinal));

        var result = fixture.Load();

        var first = HasError(result, HrFile, 1, "duplicate agent name 'hr-policy' (also at ");
        Assert.Contains("zz-copy.yml:2)", first.Message, StringComparison.Ordinal);
        var second = HasError(result, "agents/zz-copy.yml", 2, "duplicate agent name 'HR-Policy' (also at ");
        Assert.Contains("hr-policy.yaml:1)", second.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void An_example_given_to_two_agents_is_reported_in_both_files()
    {
        // walk35: a copied agent file kept one example; validate said "ok" and only a routing test failed later.
        using var fixture = new ConfigFixture();
        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("\"Reset my password\"", "\"how do I claim EXPENSES? \"", StringComparison.Ordinal));

        var result = fixture.Load();

        var hr = HasError(result, HrFile, 7, "example \"How do I claim expenses?\" is also an example of 'it-helpdesk' at ");
        Assert.Contains("it-helpdesk.yaml:4", hr.Message, StringComparison.Ordinal);
        HasError(result, "agents/it-helpdesk.yaml", 4, "is also an example of 'hr-policy' at ");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Similar_but_different_examples_in_two_agents_are_allowed()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("\"Reset my password\"", "\"How do I claim expenses for a laptop?\"", StringComparison.Ordinal));

        Assert.Empty(fixture.Load().Errors);
    }

    [Fact]
    public void Errors_from_several_files_are_all_collected_orchestrator_yaml_first_then_in_file_order()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace("max_input_chars: 4000", "max_input_chars: -5", StringComparison.Ordinal));
        fixture.Write(HrFile, ConfigFixture.HrAgentYaml.Replace("kind: retrieval", "kind: search", StringComparison.Ordinal));
        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("name: it-helpdesk", "name: it helpdesk", StringComparison.Ordinal));

        var result = fixture.Load();

        Assert.Equal(
            ["orchestrator.yaml:22", "hr-policy.yaml:2", "it-helpdesk.yaml:1"],
            result.Errors.Select(e => $"{Path.GetFileName(e.File)}:{e.Line}"));
    }

    [Fact]
    public void A_generation_agent_without_a_model_is_a_warning_at_its_kind()
    {
        // walk35: validate said "ok" for a drafted writer agent; every request to it then escalated with no model to answer.
        using var fixture = new ConfigFixture();
        fixture.Write("agents/writer.yaml", "name: writer\nkind: generation\ndescription: Drafts e-mails.\nexamples: [ \"draft an email\", \"write an announcement\", \"help me write a note\" ]\n");

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("a generation agent without 'model' cannot write answers itself", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_on_a_non_tool_agent_are_a_warning()
    {
        using var fixture = new ConfigFixture();
        fixture.Write(HrFile, ConfigFixture.HrAgentYaml + "\ntools: [ create_it_ticket ]\n");

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(13, warning.Line);
        Assert.Contains("tools are only called by agents of kind tool; this agent is kind retrieval", warning.Message, StringComparison.Ordinal);
    }
}
