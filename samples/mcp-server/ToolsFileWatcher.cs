using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Orchestrator.Samples.McpServer;

/// <summary>
/// Optional (<c>ORDER_DESK_TOOLS_FILE</c>): offers only the tools the file names, one per line, and
/// follows the file while the server runs. Changing the tool collection makes the server send
/// <c>notifications/tools/list_changed</c>, so a client sees tools switched on and off without a restart.
/// </summary>
internal sealed class ToolsFileWatcher(IOptions<McpServerOptions> options, string path) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private Dictionary<string, McpServerTool> _all = [];
    private string? _applied;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the stdio server answers its first tools/list: the file's tools only, from the start.
        var tools = options.Value.ToolCollection ?? throw new InvalidOperationException("the server has no tool collection");
        _all = tools.ToDictionary(t => t.ProtocolTool.Name, StringComparer.Ordinal);
        Apply(tools);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Apply(options.Value.ToolCollection!);
        }
    }

    private void Apply(McpServerPrimitiveCollection<McpServerTool> tools)
    {
        string text;
        try
        {
            text = File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return;   // being written; the next poll reads it
        }

        if (text == _applied)
        {
            return;
        }

        _applied = text;
        var wanted = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

        // One change, one notification.
        using var _ = tools.DeferChangedEvents();
        foreach (var (name, tool) in _all)
        {
            if (wanted.Contains(name))
            {
                tools.TryAdd(tool);
            }
            else
            {
                tools.Remove(tool);
            }
        }
    }
}
