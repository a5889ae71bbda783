using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("exmaples", "examples")]
    [InlineData("modle", "model")]
    [InlineData("Guardian", "guardian")]
    [InlineData("knowlege", "knowledge")]
    public void Close_typos_get_a_suggestion(string typo, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(typo, AgentFileParser.Fields));
    }

    // Names other frameworks use for a section, many edits away from ours.
    [Theory]
    [InlineData("knowledge_bases", "collections")]
    [InlineData("Knowledge-Base", "collections")]
    [InlineData("model_list", "models")]
    [InlineData("guardrails", "guardian")]
    [InlineData("rails", "guardian")]
    [InlineData("vector_store", "store")]
    public void Another_frameworks_section_name_gets_ours(string input, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(input, OrchestratorFile.Fields));
    }

    [Theory]
    [InlineData("knowledge_base", "knowledge")]
    [InlineData("utterances", "examples")]
    [InlineData("system_prompt", "prompt")]
    [InlineData("llm", "model")]
    [InlineData("guardrails", "guardian")]
    public void Another_frameworks_agent_field_gets_ours(string input, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(input, AgentFileParser.Fields));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    public void Unrelated_words_get_none(string word)
    {
        Assert.Null(Suggestions.Closest(word, AgentFileParser.Fields));
        Assert.Equal("", Suggestions.DidYouMean(word, AgentFileParser.Fields));
    }

    // A name that is a whole word part of exactly one candidate is suggested even when it is many edits away.
    [Theory]
    [InlineData("employee", "employee_id")]
    [InlineData("Employee", "employee_id")]
    [InlineData("month", "pay_month")]
    [InlineData("ticket-priority", "ticket_priority_level")]
    [InlineData("customer", "customerId")]
    public void A_name_that_is_a_word_part_of_one_candidate_gets_it(string input, string expected)
    {
        string[] parameters = ["employee_id", "pay_month", "ticket_priority_level", "customerId"];

        Assert.Equal(expected, Suggestions.Closest(input, parameters));
    }

    [Theory]
    [InlineData("id")] // short names are parts of too many names to mean anything
    [InlineData("pay")] // under four letters
    [InlineData("employ")] // part of a word, not a whole word part
    [InlineData("level")] // in both candidates: ambiguous
    public void Short_partial_or_ambiguous_parts_get_none(string input)
    {
        string[] parameters = ["employee_id", "pay_month", "priority_level", "risk_level"];

        Assert.Null(Suggestions.Closest(input, parameters));
    }

    [Fact]
    public void The_parameter_hint_suggests_the_parameter_the_name_is_part_of()
    {
        var message = Orchestrator.Tools.ToolParameterCheck.NotTaken("get_payslip", "employee", ["employee_id", "month"]);

        Assert.Equal("'employee' is not a parameter of get_payslip (did you mean 'employee_id'?); get_payslip takes: employee_id, month", message);
    }

    [Fact]
    public void Adjacent_swap_costs_one_edit()
    {
        Assert.Equal(1, Suggestions.Distance("ab", "ba"));
        Assert.Equal(3, Suggestions.Distance("kitten", "sitting"));
    }
}
