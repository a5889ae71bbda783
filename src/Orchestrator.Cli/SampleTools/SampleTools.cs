using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

/// <summary>Registers the sample deployment's tools. Paths come from configuration, never from tool arguments.</summary>
public static class SampleTools
{
    /// <param name="registry">Where the tools are added.</param>
    /// <param name="dataDirectory">Folder holding <c>leave-balances.csv</c> (the sample's <c>data/</c>).</param>
    /// <param name="ticketDatabase">
    /// SQLite file for tickets (created with its folder on first use); pass one under the deployment's
    /// state folder (e.g. <c>.orchestrator/tickets.db</c>). Defaults to <c>tickets.db</c> in <paramref name="dataDirectory"/>.
    /// </param>
    public static ToolRegistry Register(ToolRegistry registry, string dataDirectory, string? ticketDatabase = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (name, plugin) in Plugins(dataDirectory, ticketDatabase))
        {
            registry.AddPlugin(plugin, name);
        }

        return registry;
    }

    /// <summary>The plugin objects by plugin name, for <see cref="Register"/> or a host's <c>AddTools(plugin)</c>.</summary>
    public static IReadOnlyList<(string Name, object Plugin)> Plugins(string dataDirectory, string? ticketDatabase = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return
        [
            ("it", new ItTicketTools(ticketDatabase ?? Path.Combine(dataDirectory, "tickets.db"))),
            ("hr", new LeaveBalanceTools(Path.Combine(dataDirectory, "leave-balances.csv"))),
            ("math", new CalculatorTools()),
            ("currency", new CurrencyTools()),
        ];
    }
}
