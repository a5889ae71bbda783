using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// What a rewriting check (the built-in <c>pii</c> redaction, a host's own) takes out of an answer does not
/// reach the client through <c>citations[].text</c>, in process and over <c>/v1/chat/completions</c> (issue 11).
/// </summary>
public sealed class CitationRewriteTests : HostExtensionTestBase
{
    private const string Question = "When does the data platform migration finish?";
    private const string Email = "ann.lee@northwind-corp.net";

    [Fact]
    public async Task A_host_checks_rewrite_reaches_the_citations_text()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", check: new CodeNameCheck { PassWithRewrite = true });

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects"));

        Assert.False(response.Escalation.Needed);
        Assert.Contains("[code name]", response.Answer, StringComparison.Ordinal);
        var citation = Assert.Single(response.Citations);
        Assert.Equal(1, citation.Id);
        Assert.DoesNotContain("BLUEBIRD", citation.Text, StringComparison.Ordinal);
        Assert.Contains("[code name]", citation.Text, StringComparison.Ordinal);
        Assert.Contains("finishes in March", citation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pii_redaction_reaches_the_citations_text_even_when_the_answer_held_none()
    {
        using var host = await StartWithEmailAsync("guardian: [ pii ]\nescalation: { allowed: false }");

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects"));

        Assert.DoesNotContain(Email, response.Answer, StringComparison.Ordinal);
        var citation = Assert.Single(response.Citations);
        Assert.DoesNotContain(Email, citation.Text, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", citation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_that_comes_back_is_shown_redacted_again_and_a_later_check_still_runs_on_it()
    {
        // The second ask finds the pii result of the same quote remembered; the host's check after it must still run.
        Write(projects: "guardian: [ pii, code-names ]\nescalation: { allowed: false }");
        WriteFile("knowledge/projects.md", KnowledgeWithEmail);
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddGuardianCheck(new CodeNameCheck { PassWithRewrite = true }));
        await host.StartAsync();
        var orchestrator = host.Services.GetRequiredService<IOrchestrator>();

        var first = await orchestrator.AskAsync(new OrchestratorRequest(Question, "projects"));
        var second = await orchestrator.AskAsync(new OrchestratorRequest(Question, "projects"));

        var quote = Assert.Single(first.Citations).Text;
        Assert.Equal(quote, Assert.Single(second.Citations).Text);
        Assert.DoesNotContain(Email, quote, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", quote, StringComparison.Ordinal);
        Assert.Contains("[code name]", quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_that_fails_on_a_quote_without_a_rewrite_withholds_the_quote_only()
    {
        // The answer is the first sentence, without the code name; the cited section holds it too.
        Write(projects: "guardian: [ code-names ]\nescalation: { allowed: false }");
        WriteFile("knowledge/projects.md", """
            # Projects

            ## Data platform
            The data platform migration finishes in March. Its internal code name is BLUEBIRD.
            """);
        using var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddGuardianCheck(new CodeNameCheck { FailWithoutRewrite = true }));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects"));

        Assert.False(response.Escalation.Needed, response.Answer);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        var citation = Assert.Single(response.Citations);
        Assert.Equal(1, citation.Id);
        Assert.Equal("[quote withheld by the guardian's checks]", citation.Text);
    }

    [Fact]
    public async Task Over_chat_completions_the_orchestrator_citations_carry_the_rewritten_text()
    {
        Write(projects: "guardian: [ pii, code-names ]\nescalation: { allowed: false }");
        WriteFile("knowledge/projects.md", KnowledgeWithEmail);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; })
            .AddGuardianCheck(new CodeNameCheck { PassWithRewrite = true });
        await using var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var chat = await client.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"projects","messages":[{"role":"user","content":"When does the data platform migration finish?"}]}""", System.Text.Encoding.UTF8, "application/json"));

        var body = await chat.Content.ReadAsStringAsync();
        Assert.True(chat.IsSuccessStatusCode, body);
        Assert.DoesNotContain("BLUEBIRD", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.GetProperty("orchestrator").GetProperty("citations")[0].GetProperty("text").GetString();
        Assert.Contains("[code name]", text, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", text, StringComparison.Ordinal);
        await app.StopAsync();
    }

    private const string KnowledgeWithEmail = """
        # Projects

        ## Data platform
        The data platform migration, internally called BLUEBIRD, finishes in March. Questions about it go to ann.lee@northwind-corp.net.
        """;

    private async Task<IHost> StartWithEmailAsync(string projects)
    {
        Write(projects);
        WriteFile("knowledge/projects.md", KnowledgeWithEmail);
        var host = Build(b => b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; }));
        await host.StartAsync();
        return host;
    }
}
