using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>Nothing personal leaves the machine: PII goes out as placeholders and comes back restored.</summary>
public sealed class CloudPrivacyTests
{
    private const string Email = "jane.doe@contoso.example";
    private const string Phone = "+44 20 7946 0958";
    private const string Card = "4111 1111 1111 1111";
    private const string Iban = "DE89 3704 0044 0532 0130 00";

    [Fact]
    public async Task Outgoing_request_holds_no_pii_and_the_answer_gets_the_values_back()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.Responder = request =>
        {
            // Echo the placeholders the way a cloud model would refer to the data.
            var user = request.Messages[^1].Content;
            var email = System.Text.RegularExpressions.Regex.Match(user, "<EMAIL_[0-9]+>").Value;
            var card = System.Text.RegularExpressions.Regex.Match(user, "<CREDIT_CARD_[0-9]+>").Value;
            return EscalationDeployment.CloudReply($"I will write to {email} about card {card}.");
        };
        var history = new[]
        {
            new ConversationTurn(ConversationTurn.User, $"My phone is {Phone} and my IBAN is {Iban}."),
            new ConversationTurn(ConversationTurn.Assistant, "Thanks, noted."),
        };

        var response = await d.AskAsync($"Email me at {Email} about my card {Card}, please.", escalate: true, history: history);

        var body = Assert.Single(d.Primary.Requests).Body;
        foreach (var value in new[] { Email, Phone, Card, Iban, "jane.doe", "4111", "0532 0130" })
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }

        Assert.Contains("<EMAIL_1>", body, StringComparison.Ordinal);
        Assert.Contains("<PHONE_1>", body, StringComparison.Ordinal);
        Assert.True(response.Escalation.Performed);
        Assert.Equal($"I will write to {Email} about card {Card}.", response.Answer);
    }

    [Fact]
    public async Task Pii_the_cloud_model_makes_up_is_redacted_before_the_user_sees_it()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("Ask bob.smith@fabrikam.example for details.");

        var response = await d.AskAsync("Who handles visitor parking?", escalate: true);

        Assert.DoesNotContain("bob.smith@fabrikam.example", response.Answer, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", response.Answer, StringComparison.Ordinal);
        Assert.Contains(response.Guardian.Checks, c => c.Name == "cloud_pii" && c.Detail.Contains("email", StringComparison.Ordinal));
    }
}
