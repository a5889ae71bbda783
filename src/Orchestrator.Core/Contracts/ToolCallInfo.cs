using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record ToolCallInfo(string Name, IReadOnlyDictionary<string, object?> Arguments, string? Result, bool Ok);
