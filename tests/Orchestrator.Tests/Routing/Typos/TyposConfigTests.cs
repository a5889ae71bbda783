using Orchestrator.Configuration;
using Orchestrator.Tests.Agents;

namespace Orchestrator.Tests.Routing.Typos;

/// <summary><c>router.typos</c>: defaults, values, and file:line errors.</summary>
public sealed class TyposConfigTests
{
    private static ConfigLoadResult LoadWithRouterExtra(string yaml)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace("  embedder: embedder\n", "  embedder: embedder\n" + yaml + "\n", StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void Correction_is_on_for_routing_and_retrieval_by_default()
    {
        var result = LoadWithRouterExtra("");

        Assert.Empty(result.Errors);
        Assert.True(result.Config!.Router.Typos.Enabled);
        Assert.True(result.Config.Router.Typos.Retrieval);
    }

    [Fact]
    public void Settings_are_read()
    {
        var result = LoadWithRouterExtra("  typos: { enabled: false, retrieval: false }");

        Assert.Empty(result.Errors);
        Assert.False(result.Config!.Router.Typos.Enabled);
        Assert.False(result.Config.Router.Typos.Retrieval);
    }

    [Theory]
    [InlineData("  typos: { enabled: sometimes }", "'enabled' is 'sometimes'; expected true or false")]
    [InlineData("  typos: { retrieval: 1.5 }", "expected true or false")]
    [InlineData("  typos: { language: en }", "unknown field 'language' in router.typos")]
    [InlineData("  typos: true", "'typos' must be a mapping")]
    [InlineData("  typo: { enabled: true }", "unknown field 'typo'")]
    public void Bad_settings_are_errors_with_a_line(string yaml, string fragment)
    {
        var result = LoadWithRouterExtra(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0);
    }
}
