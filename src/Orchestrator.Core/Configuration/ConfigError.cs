namespace Orchestrator.Configuration;

/// <summary>One configuration problem, located at a file, line and column (1-based; 0 when there is no line).</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary><c>file:line: message</c>, the format <c>agents validate</c> prints and editors can jump to.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
