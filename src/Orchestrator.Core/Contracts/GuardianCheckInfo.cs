using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record GuardianCheckInfo(string Name, bool Passed, double Score, string Detail);
