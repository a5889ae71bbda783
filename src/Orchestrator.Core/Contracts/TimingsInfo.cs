using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record TimingsInfo
{
    public double Total { get; init; }

    public double Route { get; init; }

    public double Specialist { get; init; }

    public double Guardian { get; init; }

    public double Escalation { get; init; }
}
