using System.Text.Json;

namespace Orchestrator.Models.Onnx;

/// <summary>
/// Checks a GenAI model folder before the native loader sees it: the native errors for a missing
/// folder or file are terse, and a malformed JSON can surface as an unrelated failure.
/// </summary>
internal sealed record ModelFolderInfo(string ModelType, int ContextLength, int? VocabSize, string? ChatTemplate)
{
    private const string Fix = "point the model's path at a folder produced by onnxruntime-genai's model builder";

    public static ModelFolderInfo Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new OnnxModelException(folder, $"the folder does not exist; {Fix}");
        }

        var configPath = Path.Combine(folder, "genai_config.json");
        if (!File.Exists(configPath))
        {
            throw new OnnxModelException(folder, $"genai_config.json is missing; {Fix}");
        }

        JsonElement model;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
            model = doc.RootElement.GetProperty("model").Clone();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new OnnxModelException(folder, $"genai_config.json is not a valid GenAI config ({ex.Message}); re-export it or restore it from the model's download", ex);
        }

        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "unknown";
        int? vocab = model.TryGetProperty("vocab_size", out var v) && v.TryGetInt32(out var size) ? size : null;
        var context = model.TryGetProperty("context_length", out var c) && c.TryGetInt32(out var n) ? n : 2048;
        if (model.TryGetProperty("decoder", out var decoder)
            && decoder.TryGetProperty("filename", out var f) && f.GetString() is { } file
            && !File.Exists(Path.Combine(folder, file)))
        {
            throw new OnnxModelException(folder, $"genai_config.json names the decoder file '{file}', which is missing; download the complete model folder");
        }

        return new ModelFolderInfo(type, context, vocab, ReadChatTemplate(folder));
    }

    private static string? ReadChatTemplate(string folder)
    {
        var path = Path.Combine(folder, "tokenizer_config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("chat_template", out var tpl) && tpl.ValueKind == JsonValueKind.String
                ? tpl.GetString()
                : null;
        }
        catch (JsonException)
        {
            // The tokenizer loader reports a broken tokenizer_config.json itself; here it only means no template.
            return null;
        }
    }
}
