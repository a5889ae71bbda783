using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

/// <summary>
/// The tools the <c>orchestrator</c> command registers for every configuration it runs: the sample
/// enterprise tools (tickets, leave balances), whose data lives beside the configuration, plus the
/// calculator and currency converter. A library host registers its own tools instead
/// (<c>AddOrchestrator(...).AddTools&lt;T&gt;()</c>).
/// </summary>
public static class BuiltInTools
{
    /// <summary>Folder, relative to orchestrator.yaml, that holds tool data such as leave-balances.csv.</summary>
    public const string DataFolder = "data";

    /// <summary>A validation context that knows the built-in tools, the built-in guardian checks and the prompt templates.</summary>
    public static ConfigValidationContext ValidationContext() => ConfigValidation.For(SampleTools.Register(new ToolRegistry(), DataFolder));

    /// <summary>The registry for one deployment: data from <c>data/</c> beside the configuration, tickets in the state folder.</summary>
    public static ToolRegistry For(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SampleTools.Register(new ToolRegistry(), config.ResolvePath(DataFolder), TicketDatabase(config));
    }

    /// <summary>Adds the sample tools for <paramref name="config"/> to a host (<c>serve</c>), with the same data and ticket files as <see cref="For"/>.</summary>
    public static OrchestratorBuilder AddTo(OrchestratorBuilder builder, OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (_, plugin) in SampleTools.Plugins(config.ResolvePath(DataFolder), TicketDatabase(config)))
        {
            builder.AddTools(plugin);
        }

        return builder;
    }

    private static string TicketDatabase(OrchestratorConfig config) => Path.Combine(OrchestratorRuntime.StateDirectory(config), "tickets.db");
}
