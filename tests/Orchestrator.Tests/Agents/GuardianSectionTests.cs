using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

public sealed class GuardianSectionTests
{
    private const string Section = """

        guardian:
          pii:
            mode: block
            allow: [ helpdesk@company.example, "+31 20 555 01*" ]
        """;

    [Fact]
    public void Guardian_section_is_read_into_the_config()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + Section);
        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Equal("block", result.Config!.Guardian.PiiMode);
        Assert.Equal(["helpdesk@company.example", "+31 20 555 01*"], result.Config.Guardian.PiiAllow);
    }

    [Fact]
    public void Defaults_apply_without_a_guardian_section()
    {
        using var fixture = new ConfigFixture();
        var config = fixture.Load().Config!;
        Assert.Equal("redact", config.Guardian.PiiMode);
        Assert.Empty(config.Guardian.PiiAllow);
    }

    [Fact]
    public void Unknown_mode_and_unknown_field_are_errors_with_lines()
    {
        using var fixture = new ConfigFixture();
        var broken = Section.Replace("mode: block", "mode: hide", StringComparison.Ordinal).Replace("allow:", "alow:", StringComparison.Ordinal);
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + broken);
        var result = fixture.Load();

        var lines = ConfigFixture.OrchestratorYaml.Split('\n').Length;
        HasError(result, "orchestrator.yaml", lines + 3, "invalid mode 'hide'; expected one of: redact, block");
        Assert.Contains(result.Errors, e => e.Line == lines + 4 && e.Message.Contains("unknown field 'alow'", StringComparison.Ordinal));
    }
}
