using System.Diagnostics;

namespace Orchestrator.Diagnostics;

/// <summary>The ActivitySource that carries one span per pipeline stage.</summary>
public static class OrchestratorTelemetry
{
    public const string SourceName = "Orchestrator";

    public static readonly ActivitySource Source = new(SourceName);
}
