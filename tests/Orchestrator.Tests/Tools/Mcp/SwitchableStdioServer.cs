using Orchestrator.Configuration;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// The sample stdio MCP server behind a shell in a temporary folder, for servers that go away and come back: each
/// start attempt is recorded, the server's pid too (so a test can kill it), and while <see cref="Down"/> is set the
/// command exits at once, as a server whose program is gone would. After <see cref="Offer"/> the server offers
/// only the tools named there and follows later calls while it runs, announcing each change with
/// <c>notifications/tools/list_changed</c> (the sample's <c>ORDER_DESK_TOOLS_FILE</c>).
/// </summary>
internal sealed class SwitchableStdioServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mcp-switchable-").FullName;

    private string AttemptsFile => Path.Combine(_folder, "attempts");

    private string StartsFile => Path.Combine(_folder, "starts");

    private string DownFile => Path.Combine(_folder, "down");

    private string ToolsFile => Path.Combine(_folder, "tools");

    /// <summary>Makes the server offer only <paramref name="tools"/> (its MCP names): from its next start, and at once if it runs.</summary>
    public void Offer(params string[] tools)
    {
        var temporary = ToolsFile + ".new";
        File.WriteAllText(temporary, string.Join('\n', tools));
        File.Move(temporary, ToolsFile, overwrite: true);
    }

    public bool Down
    {
        get => File.Exists(DownFile);
        set
        {
            if (value)
            {
                File.WriteAllText(DownFile, "");
            }
            else
            {
                File.Delete(DownFile);
            }
        }
    }

    /// <summary>Start attempts so far, the ones made while down included.</summary>
    public int Attempts => File.Exists(AttemptsFile) ? File.ReadAllLines(AttemptsFile).Length : 0;

    /// <summary>The pids of the servers that started, oldest first.</summary>
    public IReadOnlyList<int> Starts => File.Exists(StartsFile)
        ? [.. File.ReadAllLines(StartsFile).Select(line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture))]
        : [];

    public McpServerConfig Config(IReadOnlyDictionary<string, string>? env = null) => new()
    {
        Name = "orders",
        Command = "sh",
        Args = ["-c", $"echo try >> '{AttemptsFile}'; if [ -e '{DownFile}' ]; then exit 3; fi; echo $$ >> '{StartsFile}'; exec dotnet '{McpTestServers.SampleServerDll}'"],
        Env = File.Exists(ToolsFile) ? new Dictionary<string, string>(env ?? new Dictionary<string, string>()) { ["ORDER_DESK_TOOLS_FILE"] = ToolsFile } : env ?? new Dictionary<string, string>(),
        TimeoutSeconds = 20,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
