using Orchestrator.Configuration;
using Orchestrator.Prompts;
using Orchestrator.Tools;

namespace Orchestrator.Hosting;

/// <summary>
/// The validation context a host loads its configuration with: the tools and guardian checks it
/// really registered, and the prompt-template check. Configuration sits below the features it
/// configures, so the host hands their names in rather than configuration reaching up for them.
/// </summary>
public static class ConfigValidation
{
    /// <summary>A context that knows <paramref name="tools"/>, the built-in guardian checks plus <paramref name="guardianChecks"/>, and checks prompt templates.</summary>
    public static ConfigValidationContext For(ToolRegistry? tools, IEnumerable<string>? guardianChecks = null)
    {
        var context = new ConfigValidationContext { PromptsValidator = PromptLibrary.Validate };
        if (tools is not null)
        {
            context.ToolNames.UnionWith(tools.Names);
        }

        foreach (var check in guardianChecks ?? [])
        {
            context.GuardianChecks.Add(check);
        }

        return context;
    }
}
