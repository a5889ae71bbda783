using Orchestrator.Configuration;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Tools;

/// <summary>The sample tools over a copy of the sample data in a temp folder, so tickets never land in the tree.</summary>
internal sealed class ToolTestKit : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ToolTestKit()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "data", "leave-balances.csv"), Path.Combine(data, "leave-balances.csv"));
        TicketDatabase = Path.Combine(data, "tickets.db");
        Tickets = new ItTicketTools(TicketDatabase);
        Registry = SampleTools.Register(new ToolRegistry(), data, TicketDatabase);
    }

    public ToolRegistry Registry { get; }

    public ItTicketTools Tickets { get; }

    public string TicketDatabase { get; }

    public ToolExecutor Executor { get; } = new();

    /// <summary>A caller allowed to read every employee's leave balance (role hr).</summary>
    public static CallerIdentity HrCaller { get; } = new("NW-0000", "northwind") { Roles = ["hr"] };

    public static AgentDefinition Agent(params string[] tools) =>
        new() { Name = "tool-agent", Kind = AgentKind.Tool, Description = "test agent", Tools = tools };

    public Task<ToolOutcome> RunAsync(string tool, string argumentsJson) =>
        Executor.ExecuteAsync(Registry.Get(tool), System.Text.Json.JsonDocument.Parse(argumentsJson).RootElement.Clone());

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
