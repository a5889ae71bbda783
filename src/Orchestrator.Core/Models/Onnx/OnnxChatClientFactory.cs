using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.Models.Onnx;

/// <summary>Builds the <c>onnx</c> provider's chat client for one configured model.</summary>
public static class OnnxChatClientFactory
{
    /// <summary>
    /// Creates a client over the GenAI model folder <c>model.Path</c> (relative paths are resolved
    /// against <paramref name="configDirectory"/>). Nothing is loaded until the first request, so a
    /// broken folder surfaces as an <see cref="OnnxModelException"/> there; call
    /// <see cref="Validate"/> to check it up front.
    /// </summary>
    public static IChatClient Create(ModelConfig model, string configDirectory, ILoggerFactory loggerFactory, OnnxProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var folder = ResolveFolder(model, configDirectory);
        var logger = loggerFactory.CreateLogger("Orchestrator.Models.Onnx");
        options ??= new OnnxProviderOptions();
        return new OnnxGenAIChatClient(folder, () => GenAIBackend.Load(folder, options.PromptFormat, logger), options, logger);
    }

    /// <summary>Checks the folder's layout (folder, genai_config.json, decoder file) without loading the model.</summary>
    public static void Validate(ModelConfig model, string configDirectory) => ModelFolderInfo.Read(ResolveFolder(model, configDirectory));

    private static string ResolveFolder(ModelConfig model, string configDirectory)
    {
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            throw new OnnxModelException(model.Name, "the model has no path; set path: to the GenAI model folder");
        }

        return Path.GetFullPath(Path.Combine(configDirectory, model.Path));
    }
}
