using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestrator.Tools;

/// <summary>
/// A registered tool as a Microsoft.Extensions.AI function under its plain name (Semantic Kernel's
/// own AIFunction view prefixes the plugin name). Invocation goes through <see cref="ToolExecutor"/>,
/// so even FunctionInvokingChatClient gets schema validation and "error: ..." results.
/// </summary>
public sealed class ValidatingAIFunction(ToolDescriptor tool, ToolExecutor executor) : AIFunction
{
    public override string Name => tool.Name;

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.ParametersSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var element = JsonSerializer.SerializeToElement<IDictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions);
        var outcome = await executor.ExecuteAsync(tool, element, cancellationToken).ConfigureAwait(false);
        return outcome.Result;
    }
}
