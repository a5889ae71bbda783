using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record CandidateInfo(string Agent, double Score);
