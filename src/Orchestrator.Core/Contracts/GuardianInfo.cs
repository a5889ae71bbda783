using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record GuardianInfo
{
    public bool Passed { get; init; }

    public IReadOnlyList<GuardianCheckInfo> Checks { get; init; } = [];
}
