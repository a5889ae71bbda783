using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation.Privacy;

/// <summary>
/// Issue 11 (followup26): earlier user turns' PII on the way to the cloud when a follow-up escalates.
/// Every turn passes the PII boundary, so no value leaves in clear. But with <c>input: { pii: redact }</c>
/// the question arrives at the boundary already holding &lt;EMAIL_1&gt;, and the boundary numbered the
/// history's own e-mail &lt;EMAIL_1&gt; too: the cloud read two people as one, and the answer came back
/// with the earlier turn's address where the user's (redacted) one was meant.
/// </summary>
public sealed class FollowUpPiiTests
{
    private const string Earlier = "alice.smith@contoso.example";
    private const string Asked = "bob.jones@fabrikam.example";

    [Fact]
    public async Task A_placeholder_the_input_rail_wrote_is_not_reused_for_an_earlier_turns_value()
    {
        await using var d = await EscalationDeployment.StartAsync(guardianExtra: "guardian: { rails: { input: { pii: redact } } }");
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("I will write to <EMAIL_1>.");
        ConversationTurn[] history = [new(ConversationTurn.User, $"My address is {Earlier}, where do I park?"), new(ConversationTurn.Assistant, "Noted.")];

        var response = await d.AskAsync($"and send the permit to {Asked} please", escalate: true, history: history);

        Assert.True(response.Escalation.Performed);
        var body = Assert.Single(d.Primary.Requests).Body;
        Assert.DoesNotContain(Earlier, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Asked, body, StringComparison.Ordinal);
        var sent = d.Primary.Requests[0].Messages;
        var earlierPlaceholder = System.Text.RegularExpressions.Regex.Match(sent.Single(m => m.Content.StartsWith("My address", StringComparison.Ordinal)).Content, "<EMAIL_[0-9]+>").Value;
        Assert.NotEqual("<EMAIL_1>", earlierPlaceholder);
        Assert.DoesNotContain(Earlier, response.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("write to <EMAIL_1> and x@contoso.example", "<EMAIL_2>")]
    [InlineData("write to <EMAIL_7> and x@contoso.example", "<EMAIL_8>")]
    [InlineData("write to <EMAIL_999999999999> and x@contoso.example", "<EMAIL_1>")]
    [InlineData("write to <PHONE_3> and x@contoso.example", "<EMAIL_1>")]
    public void The_redactor_numbers_new_values_after_the_placeholders_a_text_already_holds(string text, string expected)
    {
        var redaction = new Orchestrator.Guardian.Pii.PiiRedactor().Redact(text);

        Assert.Equal("x@contoso.example", redaction.Mapping[expected]);
    }
}
