using Orchestrator.Pipeline;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>The whole pipeline on the shipped sample: router → specialist → guardian → escalation decision.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class AskEndToEndTests(SampleRuntimeFixture fixture)
{
    private Task<OrchestratorResponse> AskAsync(string text, string? agent = null) =>
        fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(text, agent));

    [Fact]
    public async Task Leave_question_is_routed_to_hr_and_cites_the_leave_policy()
    {
        var response = await AskAsync("How many days of annual leave does a full-time employee get each year?");

        Assert.Equal("hr-policy", response.Route.Agent);
        Assert.False(response.Route.OutOfScope);
        Assert.True(response.Guardian.Passed, string.Join("; ", response.Guardian.Checks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.False(response.Escalation.Needed);
        Assert.NotEmpty(response.Citations);
        Assert.Contains(response.Citations, c => c.Source.Contains("annual-leave", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("25", response.Answer, StringComparison.Ordinal);
        Assert.Contains("[1]", response.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How do I set up the VPN on my laptop?", "it-helpdesk")]
    [InlineData("What is the daily meal allowance when travelling?", "expenses-travel")]
    [InlineData("How quickly must I report a lost laptop with company data?", "security-policy")]
    public async Task Questions_reach_the_agent_that_owns_the_topic(string question, string agent)
    {
        var response = await AskAsync(question);
        Assert.Equal(agent, response.Route.Agent);
        Assert.True(response.Route.Candidates.Count >= 2);
        Assert.True(response.Route.Candidates[0].Score >= response.Route.Candidates[1].Score);
    }

    [Fact]
    public async Task Off_topic_question_is_out_of_scope_and_marked_for_escalation_honestly()
    {
        var response = await AskAsync("What's a good recipe for a vegetarian lasagna?");

        Assert.True(response.Route.OutOfScope);
        Assert.True(response.Escalation.Needed);
        Assert.False(response.Escalation.Performed);
        Assert.Equal("out_of_scope", response.Escalation.Reason);
        Assert.Contains("No cloud model is configured", response.Answer, StringComparison.Ordinal);
        Assert.Empty(response.Citations);
    }

    [Fact]
    public async Task Forced_agent_skips_the_router()
    {
        var response = await AskAsync("What are the rules for carrying over unused leave?", agent: "hr-policy");
        Assert.Equal("hr-policy", response.Route.Agent);
        Assert.Equal(1.0, response.Route.Confidence);
    }

    [Fact]
    public async Task Agent_without_a_local_specialist_escalates_as_specialist_failed()
    {
        var response = await AskAsync("Draft an announcement about the new office opening", agent: "writer");
        Assert.True(response.Escalation.Needed);
        Assert.Equal("specialist_failed", response.Escalation.Reason);
        Assert.Contains("generative model", response.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timings_are_measured_per_stage()
    {
        var response = await AskAsync("How many sick days can I take without a doctor's note?");
        Assert.True(response.TimingsMs.Route > 0);
        Assert.True(response.TimingsMs.Specialist > 0);
        Assert.True(response.TimingsMs.Total >= response.TimingsMs.Route + response.TimingsMs.Specialist);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task Empty_question_is_rejected_with_a_clear_message(string text)
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => AskAsync(text));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_over_the_limit_is_rejected_naming_the_limit()
    {
        var limit = fixture.Runtime.Config.Limits.MaxInputChars;
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => AskAsync(new string('a', limit + 1)));
        Assert.Contains("max_input_chars", ex.Message, StringComparison.Ordinal);
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
