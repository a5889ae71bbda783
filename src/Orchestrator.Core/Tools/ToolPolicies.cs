using Orchestrator.Configuration;

namespace Orchestrator.Tools;

/// <summary>The effective policy of each tool: what it declares, overridden field by field by <c>tools:</c> in the configuration.</summary>
public sealed class ToolPolicies(IReadOnlyDictionary<string, ToolPolicyConfig>? configured = null)
{
    private readonly IReadOnlyDictionary<string, ToolPolicyConfig> _configured = configured ?? new Dictionary<string, ToolPolicyConfig>();

    public ToolPolicy For(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (!_configured.TryGetValue(tool.Name, out var config))
        {
            return tool.Policy;
        }

        var declared = tool.Policy;
        var confirm = config.Confirm ?? (config.SideEffects == false ? false : declared.Confirm);
        return new ToolPolicy
        {
            SideEffects = config.SideEffects ?? (declared.SideEffects || confirm),
            Confirm = confirm,
            Personal = config.Personal is { } personal
                ? new PersonalDataPolicy(personal.SubjectArgument) { RolesAllowedAll = personal.RolesAllowedAll }
                : declared.Personal,
        };
    }
}
