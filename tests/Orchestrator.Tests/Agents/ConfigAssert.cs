using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

internal static class ConfigAssert
{
    /// <summary>Asserts one error in the file ending with <paramref name="fileSuffix"/> at <paramref name="line"/> mentions <paramref name="fragment"/>.</summary>
    public static ConfigError HasError(ConfigLoadResult result, string fileSuffix, int line, string fragment)
    {
        var suffix = fileSuffix.Replace('/', Path.DirectorySeparatorChar);
        var match = result.Errors.FirstOrDefault(e =>
            e.File.EndsWith(suffix, StringComparison.Ordinal) && e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected an error at {fileSuffix}:{line} containing \"{fragment}\"; got:\n{string.Join("\n", result.Errors)}");
        Assert.Null(result.Config);
        return match!;
    }
}
