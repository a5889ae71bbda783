namespace Orchestrator.Tests.Models.Onnx;

/// <summary>Locates the optional shared model: it lives beside the checkout, not in it.</summary>
internal static class ModelFolders
{
    public static string? SharedTinyGpt2()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            return null;
        }

        var folder = Path.Combine(dir.Parent.FullName, "shared", "models", "tiny-random-gpt2");
        return File.Exists(Path.Combine(folder, "genai_config.json")) ? folder : null;
    }

    public static string NotFoundLine(string name) => $"…/{name} not found; the shared-model layer did not run";
}
