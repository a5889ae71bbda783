using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The <c>orchestrator</c> field of a chat completion: the <see cref="OrchestratorResponse"/> without
/// <c>answer</c> (the answer already is the message content), written straight into the reply. The
/// same JSON as <see cref="ChatShapes.Metadata"/>, without first building it as a JsonObject, which
/// was a measurable part of a request's CPU (docs/benchmarks.md).
/// </summary>
[JsonConverter(typeof(ResponseMetadataConverter))]
internal sealed record ResponseMetadata(OrchestratorResponse Response);

/// <summary>Writes <see cref="ResponseMetadata"/> with <see cref="OrchestratorJson.Options"/> (nulls kept, as the JsonObject had them), minus <c>answer</c>.</summary>
internal sealed class ResponseMetadataConverter : JsonConverter<ResponseMetadata>
{
    private static readonly JsonSerializerOptions WithoutAnswer = new(OrchestratorJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropAnswer } },
    };

    // Resolved once: serializing through the options looked the type's metadata up again on every reply.
    private static readonly JsonTypeInfo<OrchestratorResponse> ResponseWithoutAnswer =
        ServeJson.TypeInfo<OrchestratorResponse>(WithoutAnswer);

    public override ResponseMetadata Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The orchestrator metadata of a reply is only written.");

    public override void Write(Utf8JsonWriter writer, ResponseMetadata value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Response, ResponseWithoutAnswer);
    }

    private static void DropAnswer(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(OrchestratorResponse))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].Name == "answer")
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
