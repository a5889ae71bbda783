using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>JSON for the HTTP API: snake_case like <see cref="OrchestratorJson"/>, nulls left out as OpenAI does.</summary>
internal static class ServeJson
{
    public static readonly JsonSerializerOptions Options = new(OrchestratorJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
