namespace Orchestrator.Tests.Support;

/// <summary>The paragraphs of the sample's text knowledge files (.md, .txt, .html): ordinary enterprise documents that no passage rule may flag.</summary>
internal static class SampleKnowledgeParagraphs
{
    public static IReadOnlyList<(string File, string Paragraph)> Read()
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "knowledge");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".md" or ".txt" or ".html").ToList();
        Assert.NotEmpty(files);
        return [.. files.SelectMany(f => File.ReadAllText(f).Split("\n\n").Select(p => (Path.GetFileName(f), p)))];
    }
}
