using System.Text.Json;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>Small builders the MCP tests share: JSON arguments, and a host's own tool that a server must not displace.</summary>
internal static class McpTestTools
{
    public static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A local tool without parameters that answers <paramref name="result"/>.</summary>
    public static ToolDescriptor LocalTool(string name, string description, string result = "own") => new()
    {
        Name = name,
        Description = description,
        ParametersSchema = Args("""{"type":"object","properties":{}}"""),
        Invoke = (_, _) => Task.FromResult(result),
    };
}
