using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>
/// Reads <c>tools:</c> (a policy per tool name: <c>side_effects</c>, <c>confirm</c>,
/// <c>personal: { subject_argument, roles_allowed_all }</c>) and <c>tool_confirmation:</c>.
/// Tool names are checked against the registered tools in <see cref="CheckNames"/>, once those are known.
/// </summary>
internal static partial class ToolsSection
{
    public const int MaxPolicies = 1000;
    public const int MaxRoles = 64;

    private static readonly string[] PolicyFields = ["side_effects", "confirm", "personal"];
    private static readonly string[] PersonalFields = ["subject_argument", "roles_allowed_all"];

    /// <summary>The policies by tool name with where each is declared; empty when the section is absent or broken.</summary>
    public static Dictionary<string, (ToolPolicyConfig Policy, Located Name)> Read(YamlFields root)
    {
        var policies = new Dictionary<string, (ToolPolicyConfig, Located)>(StringComparer.Ordinal);
        var entries = root.NamedEntries("tools", "tool policies, e.g. create_it_ticket: { side_effects: true, confirm: true }");
        if (entries is null)
        {
            return policies;
        }

        if (entries.Count > MaxPolicies)
        {
            root.Error(root.KeyAt("tools"), $"'tools' declares {entries.Count} tool policies; expected at most {MaxPolicies}");
            return policies;
        }

        foreach (var (name, value) in entries)
        {
            if (value is not YamlMappingNode map)
            {
                root.Error(value.Start, $"the policy of tool '{Shorten(name.Value)}' must be a mapping, e.g. {{ side_effects: true, confirm: true }}; found {YamlShape.Describe(value)}");
                continue;
            }

            var fields = new YamlFields(map, root.File, $"tools.{Shorten(name.Value)}", PolicyFields, root.Diagnostics, name.At);
            var policy = new ToolPolicyConfig
            {
                Name = name.Value,
                SideEffects = fields.Boolean("side_effects"),
                Confirm = fields.Boolean("confirm"),
                Personal = ReadPersonal(fields),
            };
            if (policy is { SideEffects: false, Confirm: true })
            {
                fields.Error(fields.At("confirm"), "'confirm: true' needs a tool with side effects; remove 'side_effects: false' or 'confirm: true'");
            }

            policies[name.Value] = (policy, name);
        }

        return policies;
    }

    public static ToolConfirmationConfig ReadConfirmation(YamlFields root)
    {
        var section = root.Map("tool_confirmation", ["secret_env", "ttl_seconds"]);
        var defaults = new ToolConfirmationConfig();
        if (section is null)
        {
            return defaults;
        }

        var secretEnv = section.Text("secret_env", expected: "the name of an environment variable holding the signing secret, e.g. ORCHESTRATOR_CONFIRM_SECRET");
        if (secretEnv is { } s && !EnvName().IsMatch(s.Value))
        {
            section.Error(s.At, $"'secret_env' must name an environment variable (letters, digits and '_', e.g. ORCHESTRATOR_CONFIRM_SECRET), not hold the secret itself");
            secretEnv = null;
        }

        return new ToolConfirmationConfig
        {
            SecretEnv = secretEnv?.Value,
            TtlSeconds = (int)(section.Integer("ttl_seconds", 10, 7 * 24 * 3600) ?? defaults.TtlSeconds),
        };
    }

    /// <summary>Policies for unknown tools: an error, or a warning when MCP servers may still provide the name at start-up.</summary>
    public static void CheckNames(IEnumerable<(ToolPolicyConfig Policy, Located Name)> policies, string file, ConfigValidationContext context, bool mcpServersDeclared, ConfigDiagnostics diagnostics)
    {
        var known = context.ToolNames;
        if (known.Count == 0)
        {
            return; // no tools registered in this context (e.g. schema-only validation): nothing to compare with
        }

        foreach (var (_, name) in policies.Where(p => !known.Contains(p.Name.Value)))
        {
            if (mcpServersDeclared)
            {
                diagnostics.Warning(file, name.At, $"tools.{Shorten(name.Value)}: no registered tool has this name; it must come from an MCP server under mcp_servers, which is checked at start-up");
            }
            else
            {
                diagnostics.Error(file, name.At, $"tools.{Shorten(name.Value)}: no tool with this name is registered (registered tools: {string.Join(", ", known.Order(StringComparer.Ordinal))}){Suggestions.DidYouMean(name.Value, known)}");
            }
        }
    }

    private static PersonalDataConfig? ReadPersonal(YamlFields fields)
    {
        var personal = fields.Map("personal", PersonalFields);
        if (personal is null)
        {
            return null;
        }

        var subject = personal.Text("subject_argument", required: true, expected: "the argument that holds the person's id, e.g. employee_id");
        var roles = personal.TextList("roles_allowed_all", expected: "a list of roles that may read anyone's records, e.g. [ hr ]") ?? [];
        if (roles.Count > MaxRoles)
        {
            personal.Error(personal.At("roles_allowed_all"), $"'roles_allowed_all' lists {roles.Count} roles; expected at most {MaxRoles}");
            roles = [];
        }

        foreach (var role in roles.Where(r => !RoleName().IsMatch(r.Value)))
        {
            personal.Error(role.At, $"role '{Shorten(role.Value)}' is invalid; expected 1 to 64 letters, digits, '_', '-', '.' or ':'");
        }

        return subject is not { } s ? null : new PersonalDataConfig { SubjectArgument = s.Value, RolesAllowedAll = [.. roles.Select(r => r.Value)] };
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    internal static partial Regex RoleName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
