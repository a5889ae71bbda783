using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestrator.Tools;

/// <summary>Runs a tool with already-validated arguments and returns its plain-language result.</summary>
public delegate Task<string> ToolInvocation(JsonElement arguments, CancellationToken cancellationToken);

/// <summary>
/// One callable tool as the rest of the system sees it: the declaration a model is offered, the
/// JSON schema arguments are validated against, and, for the deterministic selector, example
/// requests and enum synonyms. <see cref="Invoke"/> is null for declaration-only tools (evaluation).
/// </summary>
public sealed record ToolDescriptor
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The parameters' JSON schema: an object schema with properties and required.</summary>
    public required JsonElement ParametersSchema { get; init; }

    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Per parameter, lower-case synonym to enum value, e.g. priority: urgent -> P1.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> EnumSynonyms { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    public ToolInvocation? Invoke { get; init; }

    /// <summary>What the tool declares about itself (attributes, MCP annotations); <c>tools:</c> in the config overrides it.</summary>
    public ToolPolicy Policy { get; init; } = ToolPolicy.None;

    /// <summary>What a chat model is offered; it carries no implementation, so nothing runs without validation.</summary>
    public AIFunctionDeclaration Declaration => AIFunctionFactory.CreateDeclaration(Name, Description, ParametersSchema);
}
