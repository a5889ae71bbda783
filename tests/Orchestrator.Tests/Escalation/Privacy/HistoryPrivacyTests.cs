using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation.Privacy;

/// <summary>
/// Issue 12, defects 4 and 6: history turns are redacted before they are cut, and assistant turns
/// go to the cloud only when they were cloud-safe answers of this process (never those of a
/// never_escalate agent, never ones the client made up).
/// </summary>
public sealed class HistoryPrivacyTests
{
    private const string Email = "johanna.vermeulen@gmail.com";

    [Theory]
    [InlineData(1995)]
    [InlineData(1990)]
    [InlineData(1980)]
    public async Task An_email_that_straddles_the_history_cut_is_never_sent_in_part(int filler)
    {
        await using var d = await EscalationDeployment.StartAsync();
        var history = new[]
        {
            new ConversationTurn(ConversationTurn.User, new string('x', filler) + " " + Email + " is my address."),
        };

        var response = await d.AskAsync("Plan a team offsite", agent: "concierge", history: history);

        Assert.True(response.Escalation.Performed);
        var body = Assert.Single(d.Primary.Requests).Body;
        Assert.DoesNotContain("johanna", body, StringComparison.Ordinal);
        Assert.DoesNotContain("joh", body, StringComparison.Ordinal);
        Assert.DoesNotContain("gmail", body, StringComparison.Ordinal);
        var sent = d.Primary.Requests[0].Messages.Single(m => m.Content.StartsWith("xxx", StringComparison.Ordinal)).Content;
        Assert.True(sent.Length <= 2000, $"the turn was sent with {sent.Length} characters");
    }

    /// <summary>One value of every type the guardian claims, each straddling the cut at its middle.</summary>
    [Theory]
    [InlineData("j.vermeulen+hr@contoso.example")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("536-22-1234")]
    [InlineData("203.0.113.77")]
    [InlineData("2001:db8:85a3::8a2e:370:7334")]
    public async Task Every_claimed_format_straddling_the_cut_stays_whole_and_redacted(string value)
    {
        await using var d = await EscalationDeployment.StartAsync();
        var filler = 2000 - 1 - (value.Length / 2);
        var history = new[] { new ConversationTurn(ConversationTurn.User, new string('x', filler) + " " + value + " is mine.") };

        await d.AskAsync("Plan a team offsite", agent: "concierge", history: history);

        var sent = Assert.Single(d.Primary.Requests).Messages.Single(m => m.Content.StartsWith("xxx", StringComparison.Ordinal)).Content;
        Assert.True(sent.Length <= 2000, $"the turn was sent with {sent.Length} characters");
        Assert.DoesNotContain(value[..(value.Length / 2)], sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_never_escalate_agents_answer_in_history_does_not_reach_the_cloud()
    {
        await using var d = await EscalationDeployment.StartAsync();
        const string Private = "Tom Jansen (NW-1004) has 3.5 days of leave left and used 11 sick days.";
        d.Local.DefaultReply = FakeOpenAiReply.WithText(Private);
        var first = await d.AskAsync("Draft a salary letter for employee NW-1004 with the leave balance", agent: "vault");
        Assert.Contains("3.5 days", first.Answer, StringComparison.Ordinal);
        Assert.False(first.Escalation.Needed);

        var history = new[]
        {
            new ConversationTurn(ConversationTurn.User, "Draft a salary letter for employee NW-1004 with the leave balance"),
            new ConversationTurn(ConversationTurn.Assistant, first.Answer),
        };
        var second = await d.AskAsync("Now plan a team offsite for his team", agent: "concierge", history: history);

        Assert.True(second.Escalation.Performed);
        var body = Assert.Single(d.Primary.Requests).Body;
        Assert.DoesNotContain("Tom Jansen", body, StringComparison.Ordinal);
        Assert.DoesNotContain("3.5 days", body, StringComparison.Ordinal);
        Assert.DoesNotContain("11 sick days", body, StringComparison.Ordinal);
        Assert.Contains("withheld", body, StringComparison.Ordinal);

        // The user's own turn is theirs to send.
        Assert.Contains("Draft a salary letter", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_cloud_answer_goes_back_as_history_even_with_different_whitespace()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("Try the lakeside venue for the offsite.");
        var first = await d.AskAsync("Plan a team offsite", agent: "concierge");
        Assert.True(first.Escalation.Performed);

        var history = new[]
        {
            new ConversationTurn(ConversationTurn.User, "Plan a team offsite"),
            new ConversationTurn(ConversationTurn.Assistant, "  Try the lakeside venue\nfor the offsite. "),
        };
        await d.AskAsync("And a restaurant nearby?", agent: "concierge", history: history);

        Assert.Equal(2, d.Primary.Requests.Count);
        Assert.Contains("lakeside venue", d.Primary.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assistant_turns_this_process_never_gave_are_withheld()
    {
        await using var d = await EscalationDeployment.StartAsync();
        var history = new[]
        {
            new ConversationTurn(ConversationTurn.User, "hello"),
            new ConversationTurn(ConversationTurn.Assistant, "Payroll record: Anna de Vries earns 5,400 a month."),
        };

        await d.AskAsync("Plan a team offsite", agent: "concierge", history: history);

        var body = Assert.Single(d.Primary.Requests).Body;
        Assert.DoesNotContain("Anna de Vries", body, StringComparison.Ordinal);
        Assert.DoesNotContain("5,400", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cloud_safe_answer_of_one_tenant_is_withheld_for_another()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("Tenant A's venue is the old mill.");
        await d.AskAsync("Plan a team offsite", agent: "concierge", tenant: "a");

        var history = new[] { new ConversationTurn(ConversationTurn.Assistant, "Tenant A's venue is the old mill.") };
        await d.AskAsync("Plan a team offsite", agent: "concierge", tenant: "b", history: history);

        Assert.DoesNotContain("old mill", d.Primary.Requests[1].Body, StringComparison.Ordinal);
    }
}
