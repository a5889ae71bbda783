using System.CommandLine;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

internal static class IngestCommand
{
    /// <summary>Removed files listed one per line; more are counted.</summary>
    private const int MaxListed = 100;

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (.md .txt .html .pdf .docx)", Arity = ArgumentArity.OneOrMore };
        var collection = new Option<string?>("--collection") { Description = "Target collection (default: the collection whose configured paths contain the files, or the only one; paths under different collections each go to their own)" };
        var noPrune = new Option<bool>("--no-prune") { Description = "Keep stored documents whose files are gone from the ingested folders (default: remove them, unless the collection says prune: false)" };
        var forcePrune = new Option<bool>("--force-prune") { Description = "Also remove them from a folder in which every stored document is gone (refused by default: an unmounted share looks like that)" };
        var command = new Command("ingest", "Ingest files or folders into the configured store") { paths, collection, noPrune, forcePrune };
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var inputs = parse.GetValue(paths)!.Select(p => Path.GetFullPath(p, context.WorkingDirectory)).ToList();
            var missing = inputs.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                throw new UsageException($"path not found: {string.Join(", ", missing)}; pass existing files or folders");
            }

            var groups = ChooseCollections(config, parse.GetValue(collection), inputs);
            // No start-up ingest: it would ingest these very files first, and the summary would then call them unchanged.
            // Ingest needs only the embedder and the store, so provider: host models (which only a library host can serve) do not stop it.
            await using var runtime = await CliRuntime.StartAsync(context, config, ct, autoIngest: false, runsModels: false).ConfigureAwait(false);
            var exitCode = ExitCodes.Success;
            foreach (var (target, targetInputs) in groups)
            {
                var options = new IngestOptions { Prune = config.Collections[target].Prune && !parse.GetValue(noPrune), PruneWhenAllGone = parse.GetValue(forcePrune) };
                exitCode = Math.Max(exitCode, await IngestOneAsync(context, runtime, target, targetInputs, options, ct).ConfigureAwait(false));
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>Ingests one collection's inputs and writes its summary, as the contract has it; returns the exit code.</summary>
    private static async Task<int> IngestOneAsync(CliContext context, OrchestratorRuntime runtime, string target, IReadOnlyList<string> inputs, IngestOptions options, CancellationToken ct)
    {
        var console = CliRuntime.StderrConsole(context);
        IngestReport? report = null;
        await CliRuntime.Progress(console).StartAsync(async ctx =>
        {
            var task = ctx.AddTask($"ingesting into '{Markup.Escape(target)}'");
            var progress = new InlineProgress<IngestProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.FilesTotal);
                task.Value = p.FilesDone;
            });
            report = await runtime.IngestAsync(target, inputs, options, progress, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Before the summary, which the contract says the command ends with.
        await PrepareSearchIndexAsync(runtime.Store, target, context, console, ct).ConfigureAwait(false);
        var r = report!;
        await context.Out.WriteLineAsync($"collection '{target}': {r.FilesIngested} file(s) ingested, {r.FilesUnchanged} unchanged, {r.FilesSkipped.Count} skipped, {r.ChunksWritten} chunk(s) written").ConfigureAwait(false);
        foreach (var skipped in r.FilesSkipped)
        {
            await context.Out.WriteLineAsync($"  skipped {skipped.Path}: {skipped.Reason}").ConfigureAwait(false);
        }

        return await WritePruningAsync(context, target, r).ConfigureAwait(false);
    }

    /// <summary>
    /// Removed documents follow the summary (its first line is unchanged, as the contract has it).
    /// Documents kept where files were not found are an error naming the path: exit code 1, so a
    /// scheduled ingest against an unmounted share is noticed.
    /// </summary>
    private static async Task<int> WritePruningAsync(CliContext context, string collection, IngestReport report)
    {
        if (report.FilesRemoved.Count > 0)
        {
            await context.Out.WriteLineAsync($"collection '{collection}': {report.FilesRemoved.Count} file(s) removed (gone from the ingested folders)").ConfigureAwait(false);
            foreach (var source in report.FilesRemoved.Take(MaxListed))
            {
                await context.Out.WriteLineAsync($"  removed {source}").ConfigureAwait(false);
            }

            if (report.FilesRemoved.Count > MaxListed)
            {
                await context.Out.WriteLineAsync($"  ... and {report.FilesRemoved.Count - MaxListed} more").ConfigureAwait(false);
            }
        }

        if (report.SourcesOutsidePaths.Count > 0)
        {
            await context.Out.WriteLineAsync($"collection '{collection}': {report.SourcesOutsidePaths.Count} document(s) from outside the ingested paths left as they are (first: {report.SourcesOutsidePaths[0]})").ConfigureAwait(false);
        }

        foreach (var refusal in report.NotPruned)
        {
            var hint = refusal.EveryDocumentGone ? "; if the folder was emptied on purpose, run ingest again with --force-prune" : "";
            await context.Error.WriteLineAsync($"error: not pruned under {refusal.Path}: {refusal.Reason}{hint}").ConfigureAwait(false);
        }

        return report.NotPruned.Count > 0 ? ExitCodes.RuntimeFailure : ExitCodes.Success;
    }

    /// <summary>
    /// Builds (or loads) the SQLite store's approximate index before the command exits, so the graph
    /// is persisted here, once, and the first server start after a large ingest does not answer
    /// from the exact scan while it rebuilds. Collections below <c>store.ann.min_chunks</c> only load
    /// their exact index, which is cheap.
    /// </summary>
    private static async Task PrepareSearchIndexAsync(IVectorStore store, string collection, CliContext context, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (store is not SqliteVectorStore sqlite)
        {
            return;
        }

        var hasGraph = false;
        await console.Status().StartAsync($"preparing the search index of '{Markup.Escape(collection)}'", async _ =>
            hasGraph = await sqlite.WarmUpAsync(collection, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        if (hasGraph)
        {
            await context.Out.WriteLineAsync($"collection '{collection}': approximate index ready").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An explicit collection takes every input; else the one whose configured paths hold every input; else the only
    /// one; else each input goes to the collection whose paths hold it ("ingest knowledge/hr knowledge/it" ingests
    /// both, one summary each, in the order given). An input that no single collection holds is a usage error naming it.
    /// </summary>
    internal static IReadOnlyList<(string Collection, IReadOnlyList<string> Inputs)> ChooseCollections(OrchestratorConfig config, string? requested, IReadOnlyList<string> inputs)
    {
        if (requested is not null)
        {
            return config.Collections.ContainsKey(requested)
                ? [(requested, inputs)]
                : throw new UsageException($"--collection: unknown collection '{requested}'; expected one of: {string.Join(", ", config.Collections.Keys)} (declare new ones under collections: in {config.ConfigFile})");
        }

        var owners = OwnersOf(config, inputs);
        if (owners.Count == 1)
        {
            return [(owners[0], inputs)];
        }

        if (config.Collections.Count == 1)
        {
            return [(config.Collections.Keys.First(), inputs)];
        }

        var groups = new List<(string Collection, List<string> Inputs)>();
        foreach (var input in inputs)
        {
            var owner = OwnersOf(config, [input]);
            if (owner.Count != 1)
            {
                var why = owner.Count == 0 ? "is under no collection's paths" : $"is under the paths of several collections ({string.Join(", ", owner)})";
                throw new UsageException($"which collection? {input} {why}; pass --collection with one of: {string.Join(", ", config.Collections.Keys)}, or add the folder to a collection's paths in {config.ConfigFile}");
            }

            var group = groups.FindIndex(g => g.Collection == owner[0]);
            if (group < 0)
            {
                groups.Add((owner[0], [input]));
            }
            else
            {
                groups[group].Inputs.Add(input);
            }
        }

        return [.. groups.Select(g => (g.Collection, (IReadOnlyList<string>)g.Inputs))];
    }

    private static List<string> OwnersOf(OrchestratorConfig config, IReadOnlyList<string> inputs) =>
        [.. config.Collections.Values
            .Where(c => c.Paths.Count > 0 && inputs.All(i => c.Paths.Any(p => IsUnder(i, config.ResolvePath(p)))))
            .Select(c => c.Name)];

    private static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
