using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Cli;

/// <summary>`orchestrator ingest` prunes files deleted from a folder, end to end through the command line.</summary>
public sealed class IngestPruneCliTests
{
    private const string Lockers = "# Lockers\n\nLockers by the canteen are free for staff and must be emptied every Friday.\n";

    private static Task<CliResult> RunAsync(MiniDeployment deployment, params string[] args) =>
        CliRunner.RunAsync(deployment.Root, null, ["--config", deployment.ConfigFile, .. args]);

    [Fact]
    public async Task A_deleted_policy_is_removed_by_ingest_and_no_longer_quoted()
    {
        using var deployment = new MiniDeployment("", ("knowledge/facilities/lockers.md", Lockers));
        var folder = Path.Combine(deployment.Root, "knowledge", "facilities");
        var before = await RunAsync(deployment, "ask", "Where can employees park their car?");
        Assert.Contains("level 2", before.Out, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "parking.md"));
        var ingest = await RunAsync(deployment, "ingest", folder);
        var after = await RunAsync(deployment, "ask", "Where can employees park their car?");

        Assert.Equal(0, ingest.ExitCode);
        var lines = ingest.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("collection 'facilities': 0 file(s) ingested, 1 unchanged, 0 skipped, 0 chunk(s) written", lines[0]); // the contract's line, unchanged
        Assert.Contains("collection 'facilities': 1 file(s) removed (gone from the ingested folders)", lines);
        Assert.Contains("removed knowledge/facilities/parking.md", lines);
        Assert.DoesNotContain("level 2", after.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("parking.md", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folders_of_two_collections_in_one_command_are_each_ingested_into_their_own()
    {
        // walk35: "ingest knowledge/people knowledge/facilities" stopped with "which collection?", and --collection
        // could name only one of them.
        using var deployment = new MiniDeployment("", ("knowledge/facilities/lockers.md", Lockers), ("knowledge/people/mentors.md", "# Mentors\n\nEvery new joiner gets a mentor from another team for their first six months.\n"));
        var people = Path.Combine(deployment.Root, "knowledge", "people");
        var facilities = Path.Combine(deployment.Root, "knowledge", "facilities");

        var both = await RunAsync(deployment, "ingest", facilities, people);

        Assert.Equal(0, both.ExitCode);
        var lines = both.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("collection 'facilities': ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("collection 'people': ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_ingest_of_a_new_assistant_counts_its_files_as_ingested()
    {
        // walk35: the start-up ingest filled the empty collection first, so the command the user typed reported
        // "0 file(s) ingested, 2 unchanged".
        using var deployment = new MiniDeployment();

        var first = await RunAsync(deployment, "ingest", Path.Combine(deployment.Root, "knowledge", "facilities"));

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("collection 'facilities': 1 file(s) ingested, 0 unchanged", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_under_no_collection_beside_others_is_named_in_the_error()
    {
        using var deployment = new MiniDeployment("", ("notes/todo.md", "# Todo\n\nWater the plants.\n"));

        var result = await RunAsync(deployment, "ingest", Path.Combine(deployment.Root, "knowledge", "people"), Path.Combine(deployment.Root, "notes"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("notes is under no collection's paths; pass --collection with one of: people, facilities", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_whose_documents_all_vanished_is_an_error_until_forced()
    {
        using var deployment = new MiniDeployment("", ("knowledge/facilities/lockers.md", Lockers));
        var folder = Path.Combine(deployment.Root, "knowledge", "facilities");
        Assert.Equal(0, (await RunAsync(deployment, "ingest", folder)).ExitCode);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Delete(file);
        }

        var refused = await RunAsync(deployment, "ingest", folder);
        var forced = await RunAsync(deployment, "ingest", folder, "--force-prune");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not pruned under knowledge/facilities", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force-prune", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("removed", refused.Out, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("2 file(s) removed", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_prune_on_the_command_line_or_in_the_collection_keeps_deleted_files()
    {
        using var deployment = new MiniDeployment("", ("knowledge/facilities/lockers.md", Lockers));
        var folder = Path.Combine(deployment.Root, "knowledge", "facilities");
        Assert.Equal(0, (await RunAsync(deployment, "ingest", folder)).ExitCode);
        File.Delete(Path.Combine(folder, "parking.md"));

        var kept = await RunAsync(deployment, "ingest", folder, "--no-prune");
        File.WriteAllText(deployment.ConfigFile, File.ReadAllText(deployment.ConfigFile).Replace("paths: [ knowledge/facilities ]", "paths: [ knowledge/facilities ], prune: false", StringComparison.Ordinal));
        var keptByConfig = await RunAsync(deployment, "ingest", folder);
        var ask = await RunAsync(deployment, "ask", "Where can employees park their car?");

        Assert.Equal((0, 0), (kept.ExitCode, keptByConfig.ExitCode));
        Assert.DoesNotContain("removed", kept.Out + keptByConfig.Out, StringComparison.Ordinal);
        Assert.Contains("level 2", ask.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_prune_setting_is_reported_with_file_and_line()
    {
        using var deployment = new MiniDeployment();
        File.WriteAllText(deployment.ConfigFile, File.ReadAllText(deployment.ConfigFile).Replace("paths: [ knowledge/facilities ]", "paths: [ knowledge/facilities ], prune: sometimes", StringComparison.Ordinal));

        var result = await RunAsync(deployment, "ingest", Path.Combine(deployment.Root, "knowledge", "facilities"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("orchestrator.yaml:", result.Error, StringComparison.Ordinal);
        Assert.Contains("prune", result.Error, StringComparison.Ordinal);
    }
}
