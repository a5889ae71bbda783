using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

/// <summary><c>tools:</c>, <c>tool_confirmation:</c> and the identity parts of <c>server:</c>.</summary>
public sealed class ToolPolicyConfigTests
{
    private const string Hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static ConfigLoadResult Load(string yaml)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\n" + yaml);
        fixture.Context.ToolNames.Add("get_leave_balance");
        return fixture.Load();
    }

    [Fact]
    public void Tool_policies_and_identity_settings_are_read()
    {
        var result = Load($$"""
            tools:
              get_leave_balance:
                personal: { subject_argument: employee_id, roles_allowed_all: [ hr, payroll ] }
              create_it_ticket: { side_effects: true, confirm: true }
            tool_confirmation: { secret_env: ORCHESTRATOR_CONFIRM_SECRET, ttl_seconds: 60 }
            server:
              api_keys:
                - { sha256: {{Hash}}, tenant: northwind, name: anna, user: NW-1001, roles: [ hr ] }
              identity_headers: { user: X-Forwarded-User, roles: X-Forwarded-Roles }
            """);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(["hr", "payroll"], config.Tools["get_leave_balance"].Personal!.RolesAllowedAll);
        Assert.Equal("employee_id", config.Tools["get_leave_balance"].Personal!.SubjectArgument);
        Assert.True(config.Tools["create_it_ticket"] is { SideEffects: true, Confirm: true });
        Assert.Equal(("ORCHESTRATOR_CONFIRM_SECRET", 60), (config.ToolConfirmation.SecretEnv, config.ToolConfirmation.TtlSeconds));
        Assert.Equal(("NW-1001", "hr"), (config.Server.ApiKeys[0].User, config.Server.ApiKeys[0].Roles.Single()));
        Assert.Equal(("X-Forwarded-User", "X-Forwarded-Roles"), (config.Server.IdentityHeaders!.User, config.Server.IdentityHeaders.Roles));
    }

    [Fact]
    public void Without_the_sections_nothing_is_trusted()
    {
        var config = Load("").Config!;

        Assert.Empty(config.Tools);
        Assert.Null(config.Server.IdentityHeaders);
        Assert.Null(config.ToolConfirmation.SecretEnv);
    }

    [Theory]
    [InlineData("tools:\n  get_leave_balanse: { side_effects: true }", "tools.get_leave_balanse: no tool with this name is registered")]
    [InlineData("tools:\n  get_leave_balance: { personal: { roles_allowed_all: [ hr ] } }", "missing required field 'subject_argument'")]
    [InlineData("tools:\n  get_leave_balance: { personal: { subject_argument: employee_id, roles_allowed_all: [ \"h r\" ] } }", "role 'h r' is invalid")]
    [InlineData("tools:\n  create_it_ticket: { side_effects: false, confirm: true }", "'confirm: true' needs a tool with side effects")]
    [InlineData("tools:\n  create_it_ticket: { confirm: maybe }", "'confirm' is 'maybe'; expected true or false")]
    [InlineData("tools:\n  create_it_ticket: { approve: true }", "unknown field 'approve' in tools.create_it_ticket")]
    [InlineData("tools:\n  create_it_ticket: true", "the policy of tool 'create_it_ticket' must be a mapping")]
    [InlineData("tools: [ create_it_ticket ]", "'tools' must be a mapping of names")]
    [InlineData("tool_confirmation: { secret_env: \"sk-this-is-the-secret\" }", "'secret_env' must name an environment variable")]
    [InlineData("tool_confirmation: { ttl_seconds: 1 }", "'ttl_seconds' is 1")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: a, user: \"two words\" }", "'user' must be 1 to 128 characters without spaces")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: a, roles: [ \"hr;drop\" ] }", "a role must be 1 to 64 letters")]
    [InlineData("server:\n  identity_headers: { roles: X-Roles }", "missing required field 'user' in server.identity_headers")]
    [InlineData("server:\n  identity_headers: { user: \"X User: 1\" }", "is not a valid HTTP header name")]
    public void Bad_tool_and_identity_settings_are_errors_with_a_line(string yaml, string fragment)
    {
        var result = Load(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0);
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("sk-this-is-the-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_huge_tools_section_is_rejected_not_processed()
    {
        var yaml = "tools:\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"  tool_{i}: {{ side_effects: true }}\n"));

        Assert.Contains(Load(yaml).Errors, e => e.Message.Contains("at most 1000", StringComparison.Ordinal));
    }
}
