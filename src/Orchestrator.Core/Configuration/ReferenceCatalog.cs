namespace Orchestrator.Configuration;

/// <summary>
/// What agent files may refer to. A null set means "not known" (no orchestrator.yaml, or its section
/// was broken): those references are not checked rather than reported as false errors.
/// </summary>
internal sealed class ReferenceCatalog
{
    public IReadOnlyDictionary<string, ModelConfig>? Models { get; init; }

    public IReadOnlySet<string>? Collections { get; init; }

    /// <summary>Prompt names (file names without extension) in the prompts folder; empty when the folder is missing.</summary>
    public IReadOnlySet<string>? Prompts { get; init; }

    /// <summary>The prompts folder for messages, as the user would type it.</summary>
    public string PromptsFolder { get; init; } = "prompts";

    public required ConfigValidationContext Context { get; init; }

    /// <summary>Whether orchestrator.yaml sets <c>guardian.model</c>; null when unknown (no orchestrator.yaml).</summary>
    public bool? GuardianModelConfigured { get; init; }

    /// <summary>Names under <c>mcp_servers:</c>; null when unknown (no orchestrator.yaml, or the section is broken).</summary>
    public IReadOnlySet<string>? McpServers { get; init; }

    public static IReadOnlySet<string> ReadPromptNames(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder)
                .Select(Path.GetFileNameWithoutExtension)
                .Where(name => !string.IsNullOrEmpty(name))
                .ToHashSet(StringComparer.Ordinal)!
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Names of generative models (everything but embedders), for agent models and escalation targets.</summary>
    public static IEnumerable<string> GenerativeNames(IReadOnlyDictionary<string, ModelConfig> models) =>
        models.Values.Where(m => !m.IsEmbedder).Select(m => m.Name);

    /// <summary>Reports a reference that is not a declared generative model; unknown models (null) are not checked.</summary>
    public static void CheckGenerativeModel(IReadOnlyDictionary<string, ModelConfig>? models, Located reference, string field, YamlFields where)
    {
        if (models is null)
        {
            return;
        }

        var generative = GenerativeNames(models).ToList();
        var choices = generative.Count == 0 ? "none are declared (add an onnx or openai model)" : "one of: " + string.Join(", ", generative);
        if (!models.TryGetValue(reference.Value, out var model))
        {
            where.Error(reference.At, $"{field} '{reference.Value}' is not declared under models; expected a generative model, {choices}{Suggestions.DidYouMean(reference.Value, models.Keys)}");
        }
        else if (model.IsEmbedder)
        {
            where.Error(reference.At, $"{field} '{reference.Value}' is an embedder (provider {ModelProviders.EmbeddedMiniLm}) and cannot generate text; expected a generative model, {choices}");
        }
    }
}
