using Orchestrator.Configuration;
using Orchestrator.Hosting;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

/// <summary><c>router.background</c>: builtin (default) or none; anything else is a located error.</summary>
public sealed class RouterBackgroundConfigTests
{
    private const string EmbedderLine = "  embedder: embedder\n";

    private static ConfigLoadResult LoadWith(string backgroundLine)
    {
        using var fixture = new ConfigFixture();
        Assert.Contains(EmbedderLine, ConfigFixture.OrchestratorYaml, StringComparison.Ordinal);
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(EmbedderLine, EmbedderLine + backgroundLine + "\n", StringComparison.Ordinal));
        return fixture.Load();
    }

    [Theory]
    [InlineData("  background: builtin", RouterBackgrounds.Builtin, true)]
    [InlineData("  background: none", RouterBackgrounds.None, false)]
    [InlineData("", RouterBackgrounds.Builtin, true)]

    // An empty value is no value, as for every other key: the default.
    [InlineData("  background:", RouterBackgrounds.Builtin, true)]
    public void Valid_values_choose_whether_the_builtin_set_joins_the_negatives(string line, string expected, bool hasBackground)
    {
        var result = LoadWith(line);

        Assert.True(result.Config is not null, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Config.Router.Background);
        var set = OrchestratorRuntime.TrainingSetFrom(result.Config);
        Assert.Equal(hasBackground, set.BackgroundExamples.Count > 0);
        Assert.Equal(result.Config.Router.OutOfScopeExamples, set.NegativeExamples);
    }

    [Theory]
    [InlineData("  background: buitlin", "invalid background 'buitlin'; expected one of: builtin, none (did you mean 'builtin'?)")]
    [InlineData("  background: BUILTIN", "invalid background 'BUILTIN'; expected one of: builtin, none")]
    [InlineData("  background: ''", "'background' is blank; expected one of: builtin, none")]
    [InlineData("  background: [ builtin ]", "'background' must be one of: builtin, none, found a list")]
    [InlineData("  background: { set: builtin }", "'background' must be one of: builtin, none, found a mapping")]
    [InlineData("  background: /etc/passwd", "invalid background '/etc/passwd'")]
    public void Malformed_values_are_reported_at_their_line(string line, string message)
    {
        // The fixture's router section starts on line 7; the new key is its third field.
        HasError(LoadWith(line), "orchestrator.yaml", 10, message);
    }

    [Fact]
    public void A_huge_value_is_an_error_not_a_crash()
    {
        var result = LoadWith("  background: " + new string('x', 100_000));

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Line == 10 && e.Message.StartsWith("invalid background", StringComparison.Ordinal));
    }
}
