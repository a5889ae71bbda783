using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Support;

/// <summary>A copy of the sample with some of its YAML edited (its config or agents), started as a runtime with the built-in tools.</summary>
internal static class EditedSample
{
    /// <param name="target">The folder to copy the sample into.</param>
    /// <param name="edit">Given a copied YAML file's path relative to <paramref name="target"/> and its text, the text to write.</param>
    public static async Task<OrchestratorRuntime> StartAsync(string target, Func<string, string, string> edit)
    {
        var configFile = RepoPaths.CopySample(target);
        foreach (var file in Directory.EnumerateFiles(target, "*.yaml", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            var edited = edit(Path.GetRelativePath(target, file).Replace('\\', '/'), text);
            if (!string.Equals(edited, text, StringComparison.Ordinal))
            {
                await File.WriteAllTextAsync(file, edited);
            }
        }

        var loaded = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        return await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
    }
}
