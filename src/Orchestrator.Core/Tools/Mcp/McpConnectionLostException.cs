namespace Orchestrator.Tools.Mcp;

/// <summary>Internal signal: a call failed because the connection under it is gone (not because the tool or its arguments failed).</summary>
internal sealed class McpConnectionLostException(Exception cause) : Exception("the MCP connection was lost", cause);
