using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>An agent's own <c>rails:</c> apply to the requests routed to it, on top of the global <c>guardian.rails</c>.</summary>
public sealed class AgentRailsEndToEndTests
{
    private const string PayrollWithEmail = "Who handles payroll questions? Mail me at jane.doe@example.org";
    private const string ParkingWithEmail = "Where can I park my car? Reply to jane.doe@example.org";

    private static MiniDeployment WithPeopleRails(string peopleRails, string global = "")
    {
        var deployment = new MiniDeployment(piiSection: global);
        File.WriteAllText(Path.Combine(deployment.Root, "agents", "people.yaml"), $"""
            name: people
            kind: retrieval
            description: Who to contact about payroll and salary payments.
            examples: [ "Who handles payroll questions?", "who do I ask about my salary payment", "payroll contact details" ]
            knowledge: people
            guardian: [ groundedness, pii ]
            {peopleRails}
            """);
        return deployment;
    }

    [Fact]
    public async Task Agent_input_rail_blocks_its_own_questions_after_routing_and_no_others()
    {
        using var deployment = WithPeopleRails("rails: { input: { pii: block } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var other = await runtime.Pipeline.AskAsync(new OrchestratorRequest(ParkingWithEmail));
        var own = await runtime.Pipeline.AskAsync(new OrchestratorRequest(PayrollWithEmail));

        Assert.Equal("facilities", other.Route.Agent);
        Assert.True(other.Guardian.Passed);
        Assert.DoesNotContain(other.Guardian.Checks, c => c.Stage == "input");

        // Blocked after routing: the route is known, but no specialist ran and nothing escalated.
        Assert.Equal("people", own.Route.Agent);
        Assert.False(own.Guardian.Passed);
        Assert.Contains("blocked", own.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", own.Answer, StringComparison.Ordinal);
        Assert.Empty(own.Attempts);
        Assert.Empty(own.Citations);
        Assert.False(own.Escalation.Needed);
        var check = Assert.Single(own.Guardian.Checks);
        Assert.Equal(("pii", "input", "block"), (check.Name, check.Stage, check.Action));
    }

    [Fact]
    public async Task Agent_input_rail_blocks_what_the_global_rail_only_redacted()
    {
        // The global rail redacts the e-mail before routing; the agent's stricter rail checks the question as asked.
        using var deployment = WithPeopleRails("rails: { input: { pii: block } }", global: "guardian: { rails: { input: { pii: redact } } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var own = await runtime.Pipeline.AskAsync(new OrchestratorRequest(PayrollWithEmail));
        var other = await runtime.Pipeline.AskAsync(new OrchestratorRequest(ParkingWithEmail));

        Assert.Equal("people", own.Route.Agent);
        Assert.False(own.Guardian.Passed);
        Assert.Contains(own.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "redact" });
        Assert.Contains(own.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "block" });
        Assert.Equal("facilities", other.Route.Agent);
        Assert.True(other.Guardian.Passed);
        Assert.Contains(other.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "redact" });
        Assert.DoesNotContain(other.Guardian.Checks, c => c is { Stage: "input", Action: "block" });
    }

    [Fact]
    public async Task Agent_input_rail_that_the_global_rail_already_runs_as_strongly_does_not_run_twice()
    {
        using var deployment = WithPeopleRails("rails: { input: { pii: flag } }", global: "guardian: { rails: { input: { pii: redact } } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var own = await runtime.Pipeline.AskAsync(new OrchestratorRequest(PayrollWithEmail));

        Assert.Equal("people", own.Route.Agent);
        var check = Assert.Single(own.Guardian.Checks, c => c.Stage == "input");
        Assert.Equal("redact", check.Action);
    }

    [Fact]
    public async Task Agent_retrieval_and_output_rails_apply_to_that_agents_answers_only()
    {
        using var deployment = WithPeopleRails("rails: { retrieval: { injection: flag }, output: { harm: flag } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var own = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Who handles payroll questions?"));
        var other = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where can I park my car?"));

        Assert.Equal("people", own.Route.Agent);
        Assert.Contains(own.Guardian.Checks, c => c.Stage == "retrieval");
        Assert.Contains(own.Guardian.Checks, c => c is { Name: "harm", Stage: "output" });
        Assert.Equal("facilities", other.Route.Agent);
        Assert.DoesNotContain(other.Guardian.Checks, c => c.Stage is "retrieval" or "output");
    }

    [Fact]
    public async Task Streamed_request_blocked_by_an_agent_input_rail_gets_the_refusal()
    {
        using var deployment = WithPeopleRails("rails: { input: { pii: block } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in runtime.Pipeline.StreamAsync(new OrchestratorRequest(PayrollWithEmail)))
        {
            events.Add(e);
        }

        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.Equal("people", completed.Response.Route.Agent);
        Assert.Contains("blocked", completed.Response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_input_redaction_is_not_undone_by_the_spelling_correction()
    {
        // Found at merge time: the router corrects the text it saw, before the agent's rail redacted
        // the e-mail; searching with that correction would put the e-mail back into the search.
        using var deployment = WithPeopleRails("rails: { input: { pii: redact } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var own = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Who handles payrol questions? Mail me at jane.doe@example.org"));

        Assert.Equal("people", own.Route.Agent);
        Assert.Contains(own.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "redact" });
        Assert.DoesNotContain("jane.doe", own.RetrievalQuery ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", own.Answer, StringComparison.Ordinal);
    }
}
