using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>JSON for the HTTP API: snake_case like <see cref="OrchestratorJson"/>, nulls left out as OpenAI does.</summary>
internal static class ServeJson
{
    public static readonly JsonSerializerOptions Options = new(OrchestratorJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The metadata <paramref name="options"/> serialize <typeparamref name="T"/> with, resolved once
    /// for a reply written on every request (the options become read-only, as their first use makes them;
    /// a resolver they lack is the default reflection one, as serializing through them fills in).
    /// </summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
