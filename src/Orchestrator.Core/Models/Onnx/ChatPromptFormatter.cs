using System.Text;
using Microsoft.Extensions.AI;

namespace Orchestrator.Models.Onnx;

/// <summary>
/// Fallback prompt formats, used when the model folder has no usable chat template. The family
/// comes from genai_config.json <c>model.type</c>, which every GenAI export carries.
/// </summary>
internal static class ChatPromptFormatter
{
    public static readonly IReadOnlyList<string> Formats = ["phi3", "chatml", "llama3", "plain", "raw"];

    public static string FamilyOf(string modelType) => modelType.ToLowerInvariant() switch
    {
        "phi3" or "phi3small" or "phi3v" or "phimoe" or "phi4" or "phi4mm" => "phi3",
        "qwen2" or "qwen3" or "qwen2_5_vl" => "chatml",
        "llama" or "llama3" => "llama3",
        _ => "plain",
    };

    public static string Format(string family, IReadOnlyList<ChatMessage> messages)
    {
        var sb = new StringBuilder();
        switch (family)
        {
            case "phi3":
                foreach (var m in messages)
                {
                    sb.Append("<|").Append(Role(m)).Append("|>\n").Append(m.Text).Append("<|end|>\n");
                }

                return sb.Append("<|assistant|>\n").ToString();
            case "chatml":
                foreach (var m in messages)
                {
                    sb.Append("<|im_start|>").Append(Role(m)).Append('\n').Append(m.Text).Append("<|im_end|>\n");
                }

                return sb.Append("<|im_start|>assistant\n").ToString();
            case "llama3":
                sb.Append("<|begin_of_text|>");
                foreach (var m in messages)
                {
                    sb.Append("<|start_header_id|>").Append(Role(m)).Append("<|end_header_id|>\n\n").Append(m.Text).Append("<|eot_id|>");
                }

                return sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n").ToString();
            case "raw":
                // No markup at all: for base models and for prompts already formatted by the caller.
                return string.Join('\n', messages.Select(m => m.Text));
            default:
                foreach (var m in messages)
                {
                    sb.Append(PlainRole(m)).Append(": ").Append(m.Text).Append('\n');
                }

                return sb.Append("Assistant:").ToString();
        }
    }

    /// <summary>Messages as the JSON list GenAI's ApplyChatTemplate expects.</summary>
    public static string ToJson(IReadOnlyList<ChatMessage> messages) =>
        System.Text.Json.JsonSerializer.Serialize(messages.Select(m => new Dictionary<string, string>
        {
            ["role"] = Role(m),
            ["content"] = m.Text,
        }).ToList());

    private static string Role(ChatMessage m) => m.Role.Value.ToLowerInvariant();

    private static string PlainRole(ChatMessage m) =>
        m.Role == ChatRole.System ? "System" : m.Role == ChatRole.Assistant ? "Assistant" : "User";
}
