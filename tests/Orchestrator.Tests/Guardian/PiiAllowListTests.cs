using Orchestrator.Guardian;
using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

public sealed class PiiAllowListTests
{
    private static readonly PiiAllowList Allow = new(["helpdesk@northwind.example", "+31 20 555 01*"]);

    [Theory]
    [InlineData("HELPDESK@northwind.example", true)]
    [InlineData("+31 20 555 0199", true)]
    [InlineData("jan.devries@northwind.example", false)]
    [InlineData("+31 20 555 0299", false)]
    [InlineData("helpdesk@northwind.example.evil.com", false)]
    public void Exact_values_and_globs_match_whole_values_only(string value, bool allowed) =>
        Assert.Equal(allowed, Allow.Allows(value));

    [Fact]
    public void Allowed_values_survive_redaction_and_the_rest_is_redacted()
    {
        var redactor = new PiiRedactor(new PiiDetector(Allow));
        var result = redactor.Redact("Mail helpdesk@northwind.example or call +31 20 555 0100; Jan is jan.devries@northwind.example.");
        Assert.Contains("helpdesk@northwind.example", result.Text, StringComparison.Ordinal);
        Assert.Contains("+31 20 555 0100", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("jan.devries", result.Text, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Regex_metacharacters_in_entries_are_literal()
    {
        var allow = new PiiAllowList(["a.b@x.example", "(.*)+"]);
        Assert.True(allow.Allows("a.b@x.example"));
        Assert.False(allow.Allows("aXb@x.example"));
        Assert.False(allow.Allows("anything"));
    }

    [Fact]
    public void Empty_and_blank_entries_allow_nothing()
    {
        var allow = new PiiAllowList(["", "   "]);
        Assert.True(allow.IsEmpty);
        Assert.False(allow.Allows("helpdesk@northwind.example"));
    }
}
