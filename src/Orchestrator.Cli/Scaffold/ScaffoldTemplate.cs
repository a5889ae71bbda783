namespace Orchestrator.Cli.Scaffold;

/// <summary>
/// The files <c>orchestrator init</c> writes: a commented configuration, one retrieval agent, one
/// knowledge document, the prompt it names, a README and a .gitignore. Their text lives in
/// <c>Scaffold/Templates/</c>, embedded in the assembly under the same relative paths.
/// </summary>
internal static class ScaffoldTemplate
{
    private const string ResourcePrefix = "scaffold/";

    /// <summary>Target paths, relative to the new assistant's folder, with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "orchestrator.yaml",
        "agents/handbook.yaml",
        "knowledge/handbook/team-handbook.md",
        "prompts/grounded-answer.md",
        "README.md",
        ".gitignore",
    ];

    /// <summary>A question the scaffolded assistant answers from its document, for hints and tests.</summary>
    public const string SampleQuestion = "How many days of annual leave do I get?";

    public static string Read(string file)
    {
        // The .gitignore template is stored as 'gitignore' so it does not act on the repository itself.
        var wanted = ResourcePrefix + file.TrimStart('.');
        var assembly = typeof(ScaffoldTemplate).Assembly;

        // Resource names carry the build machine's separator (Scaffold\Templates on Windows).
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == wanted)
            ?? throw new InvalidOperationException($"scaffold template '{wanted}' is not embedded in the CLI assembly");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
