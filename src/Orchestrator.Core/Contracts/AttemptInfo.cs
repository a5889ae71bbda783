using System.Text.Json.Serialization;

namespace Orchestrator;

/// <summary>One attempt at answering: which stage, which model (null for non-model specialists), whether it produced the shown answer's basis, and why not.</summary>
public sealed record AttemptInfo(string Stage, string? Model, bool Ok, string Detail);
