using Orchestrator.Agents;
using Orchestrator.Tools.Samples;

namespace Orchestrator.Tools;

/// <summary>
/// The tools every deployment gets: the sample enterprise tools (tickets, leave balances) whose data
/// lives beside the configuration, plus the calculator and currency converter. Their names are
/// known before any configuration is loaded, so agent files can be validated against them.
/// </summary>
public static class BuiltInTools
{
    /// <summary>Folder, relative to orchestrator.yaml, that holds tool data such as leave-balances.csv.</summary>
    public const string DataFolder = "data";

    private static readonly Lazy<IReadOnlyList<string>> LazyNames = new(() =>
        [.. SampleTools.Register(new ToolRegistry(), DataFolder).Names.Order(StringComparer.Ordinal)]);

    /// <summary>Names of the built-in tools. Registering touches no files: tools open their data on first call.</summary>
    public static IReadOnlyList<string> Names => LazyNames.Value;

    /// <summary>A validation context that knows the built-in tools and guardian checks.</summary>
    public static ConfigValidationContext ValidationContext()
    {
        var context = new ConfigValidationContext();
        context.ToolNames.UnionWith(Names);
        return context;
    }

    /// <summary>The registry for one deployment: data from <c>data/</c> beside the configuration, tickets in the state folder.</summary>
    public static ToolRegistry CreateRegistry(OrchestratorConfig config, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SampleTools.Register(new ToolRegistry(), config.ResolvePath(DataFolder), Path.Combine(stateDirectory, "tickets.db"));
    }
}
