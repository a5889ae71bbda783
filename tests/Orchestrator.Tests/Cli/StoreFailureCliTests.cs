using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

public sealed class StoreFailureCliTests
{
    [Fact]
    public async Task Corrupt_store_file_gives_a_clear_error_and_is_left_untouched()
    {
        using var deployment = new MiniDeployment();
        Directory.CreateDirectory(Path.GetDirectoryName(deployment.StoreFile)!);
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(deployment.StoreFile, garbage);

        var result = await CliRunner.RunAsync(deployment.Root, null, "--config", deployment.ConfigFile, "ask", "Where can I park?");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("store.db", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(deployment.StoreFile));
    }

    [Fact]
    public async Task Ingest_reports_skips_and_is_idempotent()
    {
        using var deployment = new MiniDeployment();
        using var docs = new TempDirectory();
        docs.Write("good.md", "# Lockers\n\nLockers on level 2 are free for staff and must be emptied every Friday.\n");
        await File.WriteAllBytesAsync(Path.Combine(docs.Path, "broken.pdf"), [1, 2, 3, 4, 5, 6, 7, 8]);
        await File.WriteAllBytesAsync(Path.Combine(docs.Path, "broken.docx"), [80, 75, 3, 4, 9, 9, 9]);
        docs.Write("notes.xyz", "unsupported");
        docs.Write("empty.txt", "");

        var first = await CliRunner.RunAsync(deployment.Root, null, "--config", deployment.ConfigFile, "ingest", docs.Path, "--collection", "facilities");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("1 file(s) ingested", first.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "broken.pdf", "broken.docx", "notes.xyz", "empty.txt" })
        {
            Assert.Contains(name, first.Out, StringComparison.Ordinal);
        }

        var again = await CliRunner.RunAsync(deployment.Root, null, "--config", deployment.ConfigFile, "ingest", docs.Path, "--collection", "facilities");
        Assert.Contains("0 file(s) ingested, 1 unchanged", again.Out, StringComparison.Ordinal);
        Assert.Contains("0 chunk(s) written", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_builds_and_persists_the_approximate_index_before_it_exits()
    {
        // min_chunks 1 puts even this small collection on the approximate path, so the graph the
        // command must leave behind is built from a few chunks in milliseconds.
        using var deployment = new MiniDeployment("store:\n  ann: { min_chunks: 1 }");
        using var docs = new TempDirectory();
        docs.Write("lockers.md", "# Lockers\n\nLockers on level 2 are free for staff and must be emptied every Friday.\n");

        var result = await CliRunner.RunAsync(deployment.Root, null, "--config", deployment.ConfigFile, "ingest", docs.Path, "--collection", "facilities");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("approximate index ready", result.Out, StringComparison.Ordinal);
        var storeFolder = Path.GetDirectoryName(deployment.StoreFile)!;
        var graphs = Directory.GetFiles(storeFolder, "store.db.*.hnsw");
        Assert.NotEmpty(graphs);
        Assert.All(graphs, g => Assert.True(File.Exists(g + ".json"), $"{g} has no metadata file"));
    }

    [Fact]
    public async Task Ingest_into_an_unknown_collection_exits_2()
    {
        using var deployment = new MiniDeployment();
        var result = await CliRunner.RunAsync(deployment.Root, null, "--config", deployment.ConfigFile, "ingest", deployment.Root, "--collection", "nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("people", result.Error, StringComparison.Ordinal);
    }
}
