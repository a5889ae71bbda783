using Orchestrator.Pipeline;
using Orchestrator.Tests.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>An agent's rails on the way to the cloud and back: its input rail can escalate or redact, and its output rail checks the cloud's answer.</summary>
public sealed class AgentRailsEscalationTests
{
    private const string Grounded = "Employees park on level 2 of the garage on weekdays [1].";

    [Fact]
    public async Task Agent_input_rail_escalate_sends_its_question_to_the_cloud_as_guardian_failed()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingExtra: "rails: { input: { pii: escalate } }");

        var response = await d.AskAsync("Where can I park? Write to jane.doe@example.org");

        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("Primary cloud answer.", response.Answer);
        Assert.Contains(response.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "escalate" });
    }

    [Fact]
    public async Task Agent_input_rail_redact_keeps_the_personal_data_from_the_local_model()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true, parkingExtra: "rails: { input: { pii: redact } }");
        d.Local.DefaultReply = FakeOpenAiReply.WithText(Grounded);

        var response = await d.AskAsync("Which garage level do employees park on? I am jane.doe@example.org");

        Assert.Equal(Grounded, response.Answer);
        Assert.NotEmpty(d.Local.Requests);
        Assert.All(d.Local.Requests, r => Assert.DoesNotContain(r.Messages, m => m.Content.Contains("jane.doe@example.org", StringComparison.Ordinal)));
        Assert.Contains(response.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "redact" });
    }

    [Fact]
    public async Task Cloud_answer_for_an_agent_passes_that_agents_output_rail()
    {
        // groundedness moves from the agent's list to its output rail, where its action is block.
        await using var d = await EscalationDeployment.StartAsync(parkingGuardian: "[ pii ]", parkingExtra: "rails: { output: { groundedness: block } }");

        var parking = await d.AskAsync("Where do employees park?", escalate: true);
        var concierge = await d.AskAsync("plan a team offsite", agent: "concierge");

        Assert.True(parking.Escalation.Performed);
        Assert.DoesNotContain("Primary cloud answer", parking.Answer, StringComparison.Ordinal);
        Assert.Contains("withheld", parking.Answer, StringComparison.Ordinal);
        var check = Assert.Single(parking.Guardian.Checks, c => c is { Name: "groundedness", Stage: "output", Action: "block" });
        Assert.StartsWith("cloud answer:", check.Detail, StringComparison.Ordinal);

        // Another agent's cloud answers are not held to parking's rails.
        Assert.Equal("Primary cloud answer.", concierge.Answer);
        Assert.DoesNotContain(concierge.Guardian.Checks, c => c.Stage == "output");
    }

    [Fact]
    public async Task Streamed_cloud_answer_for_an_agent_stops_at_that_agents_output_rail()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingGuardian: "[ pii ]", parkingExtra: "rails: { output: { groundedness: block } }");

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(new OrchestratorRequest("Where do employees park?", "parking") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains("guardian", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Primary cloud answer", string.Concat(events.OfType<AnswerDelta>().Select(e => e.Text)), StringComparison.Ordinal);
    }
}
