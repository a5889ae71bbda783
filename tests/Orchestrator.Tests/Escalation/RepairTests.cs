using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>A rejected local answer gets one repair attempt with the guardian's critique before escalating.</summary>
public sealed class RepairTests
{
    private const string Grounded = "Employees park on level 2 of the garage on weekdays [1].";
    private const string WrongLevel = "Employees park on level 7 of the garage on weekdays [1].";

    [Fact]
    public async Task Repaired_answer_that_passes_is_served_locally()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(FakeOpenAiReply.WithText(WrongLevel), FakeOpenAiReply.WithText(Grounded));

        var response = await d.AskAsync("Which garage level do employees park on?");

        Assert.Equal(Grounded, response.Answer);
        Assert.False(response.Escalation.Needed);
        Assert.True(response.Guardian.Passed);
        Assert.Empty(d.Primary.Requests);
        Assert.Equal(["local", "repair"], response.Attempts.Select(a => a.Stage));
        Assert.False(response.Attempts[0].Ok);
        Assert.Contains("groundedness", response.Attempts[0].Detail, StringComparison.Ordinal);
        Assert.True(response.Attempts[1].Ok);

        // The retry's prompt carried the critique; the first one did not.
        Assert.Equal(2, d.Local.Requests.Count);
        Assert.DoesNotContain("reviewer rejected", d.Local.Requests[0].Messages[^1].Content, StringComparison.Ordinal);
        Assert.Contains("reviewer rejected", d.Local.Requests[1].Messages[^1].Content, StringComparison.Ordinal);
        Assert.Contains("groundedness:", d.Local.Requests[1].Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_attempts_rejected_escalates_as_guardian_failed()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.DefaultReply = FakeOpenAiReply.WithText(WrongLevel);

        var response = await d.AskAsync("Which garage level do employees park on?");

        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("Primary cloud answer.", response.Answer);
        Assert.Equal(["local", "repair", "cloud"], response.Attempts.Select(a => a.Stage));
        Assert.Equal(2, d.Local.Requests.Count);
    }

    [Fact]
    public async Task Repair_can_be_switched_off()
    {
        await using var d = await EscalationDeployment.StartAsync(escalationExtra: "  repair: false", parkingModel: true);
        d.Local.Enqueue(FakeOpenAiReply.WithText(WrongLevel), FakeOpenAiReply.WithText(Grounded));

        var response = await d.AskAsync("Which garage level do employees park on?");

        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.Single(d.Local.Requests);
        Assert.Single(d.Primary.Requests);
    }
    [Fact]
    public async Task Repaired_answer_passes_the_output_rail_like_the_first()
    {
        // Before the fix the retry was checked by the agent's guardian list only, so a repaired
        // answer skipped the output rail (here: links to unknown hosts are blocked).
        const string LeakyRepair = "Employees park on level 2 of the garage on weekdays, map at https://evil.example/map [1].";
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true, guardianExtra: "guardian: { rails: { output: { links: block } } }");
        d.Local.Enqueue(FakeOpenAiReply.WithText(WrongLevel), FakeOpenAiReply.WithText(LeakyRepair));

        var response = await d.AskAsync("Which garage level do employees park on?");

        Assert.DoesNotContain("evil.example", response.Answer, StringComparison.Ordinal);
        Assert.Equal(["local", "repair", "cloud"], response.Attempts.Select(a => a.Stage));
        Assert.False(response.Attempts[1].Ok);
        Assert.Contains("links (output rail)", response.Attempts[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_keeps_the_conversation_so_a_follow_up_retrieves_the_same_evidence()
    {
        // Before the fix the retry was a fresh request without the history (and caller), so the
        // follow-up "and on weekdays?" lost the turn it refers to.
        // Each attempt first lets the model rewrite the follow-up (which needs the history), then answers.
        const string Rewrite = "Which garage level do employees park on?";
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(FakeOpenAiReply.WithText(Rewrite), FakeOpenAiReply.WithText(WrongLevel), FakeOpenAiReply.WithText(Rewrite), FakeOpenAiReply.WithText(Grounded));
        ConversationTurn[] history = [new("user", "Which garage level do employees park on?"), new("assistant", "Level 2.")];

        var response = await d.AskAsync("and what about them?", history: history);

        Assert.Equal(4, d.Local.Requests.Count);
        Assert.Equal(Rewrite, response.RetrievalQuery);
        Assert.Equal(["local", "repair"], response.Attempts.Select(a => a.Stage));
        Assert.True(response.Attempts[1].Ok, response.Attempts[1].Detail);
        Assert.Equal(Grounded, response.Answer);
    }
}
