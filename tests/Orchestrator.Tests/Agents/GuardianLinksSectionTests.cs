namespace Orchestrator.Tests.Agents;

/// <summary><c>guardian.links.allow</c>: host names only, with clear errors for anything else.</summary>
public sealed class GuardianLinksSectionTests
{
    [Fact]
    public void Allowed_hosts_are_read_in_lower_case()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nguardian:\n  links:\n    allow: [ Intranet.Example.com, \"*.docs.example\" ]\n");
        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Equal(["intranet.example.com", "*.docs.example"], result.Config!.Guardian.LinkAllow);
    }

    [Fact]
    public void Defaults_to_no_hosts()
    {
        using var fixture = new ConfigFixture();
        Assert.Empty(fixture.Load().Config!.Guardian.LinkAllow);
    }

    [Theory]
    [InlineData("https://intranet.example.com")]
    [InlineData("intranet.example.com/path")]
    [InlineData("intranet.example.com:8080")]
    [InlineData("\"\"")]
    [InlineData("\"<script>\"")]
    [InlineData("\"a b\"")]
    public void Anything_but_a_host_name_is_an_error_with_its_line(string entry)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + $"\nguardian:\n  links:\n    allow: [ {entry} ]\n");
        var result = fixture.Load();

        var lines = ConfigFixture.OrchestratorYaml.Split('\n').Length;
        var error = Assert.Single(result.Errors);
        Assert.Equal(lines + 3, error.Line);
        Assert.Contains("is not a host name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("links: yes")]
    [InlineData("links: { allow: intranet.example.com }")]
    [InlineData("links: { alow: [ a.example ] }")]
    public void Malformed_sections_are_errors_not_crashes(string section)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + $"\nguardian:\n  {section}\n");
        Assert.NotEmpty(fixture.Load().Errors);
    }

    [Fact]
    public void A_huge_allow_list_loads()
    {
        using var fixture = new ConfigFixture();
        var hosts = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"h{i}.example.com"));
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + $"\nguardian:\n  links:\n    allow: [ {hosts} ]\n");
        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Equal(5000, result.Config!.Guardian.LinkAllow.Count);
    }
}
