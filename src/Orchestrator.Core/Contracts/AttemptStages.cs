using System.Text.Json.Serialization;

namespace Orchestrator;

/// <summary>Values of <see cref="AttemptInfo.Stage"/>.</summary>
public static class AttemptStages
{
    public const string Local = "local";
    public const string Repair = "repair";
    public const string Cloud = "cloud";
}
