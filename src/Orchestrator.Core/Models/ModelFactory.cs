using Microsoft.Extensions.AI;
using Orchestrator.Agents;

namespace Orchestrator.Models;

/// <summary>
/// Turns models declared by name in configuration into Microsoft.Extensions.AI clients. The
/// embedded MiniLM embedder is built here; the generative providers (<c>onnx</c>, <c>openai</c>)
/// will be built here as <see cref="IChatClient"/>s through <c>ChatClientBuilder</c>.
/// </summary>
public static class ModelFactory
{
    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder(OrchestratorConfig config, string modelName)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Models.TryGetValue(modelName, out var model))
        {
            throw new InvalidOperationException($"model '{modelName}' is not declared under models: in {config.ConfigFile}");
        }

        return model.Provider switch
        {
            ModelProviders.EmbeddedMiniLm => new MiniLmEmbeddingGenerator(),
            _ => throw new InvalidOperationException(
                $"model '{modelName}' uses provider '{model.Provider}', which cannot embed; use provider {ModelProviders.EmbeddedMiniLm}"),
        };
    }
}
