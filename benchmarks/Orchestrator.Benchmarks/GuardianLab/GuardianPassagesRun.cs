using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Rails;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Reading;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>
/// <c>guardian-passages --docs DIR [--docs DIR …]</c>: reads and chunks every file under each folder as
/// ingest does (default chunking), then judges every chunk twice: by the shipped injection classifier
/// alone (what the retrieval rail did before its passage cue) and by the retrieval rail itself
/// (<c>retrieval: { injection: quarantine }</c>). Prints, per group (a file's folder), how many
/// documents have at least one chunk removed and how many chunks are removed, and the rail's time per
/// passage against the classifier's alone. Quality figures are deterministic; the times are as noisy as the machine.
/// With <c>--details</c>, each chunk only the passage cues removed is written to stderr with the words they found.
/// </summary>
internal static class GuardianPassagesRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folders = args.Select((a, i) => (a, i)).Where(x => x.a == "--docs" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        if (folders.Count == 0)
        {
            throw new ArgumentException("--docs DIR is required (repeatable)");
        }

        var details = args.Contains("--details");
        var injection = new GuardianClassifier(ShippedClassifiers.Load(ShippedClassifiers.Injection), null);
        var rails = new GuardianRails(new RailsConfig { Retrieval = new Dictionary<string, string> { [ShippedClassifiers.Injection] = RailActions.Quarantine } }, [injection], new AnswerGuardian([]));
        var readers = new DocumentReaders();
        var chunker = new StructuredChunker();
        var groups = new SortedDictionary<string, Counts>(StringComparer.Ordinal);
        var times = new List<double>();
        var classifierTimes = new List<double>();
        var watch = new Stopwatch();
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (!readers.SupportedExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                {
                    continue;
                }

                var group = Path.GetFileName(Path.GetDirectoryName(file))!;
                var counts = groups.TryGetValue(group, out var found) ? found : groups[group] = new Counts();
                var chunks = chunker.Chunk((await readers.ReadAsync(file).ConfigureAwait(false)).Blocks);
                bool byClassifier = false, byRail = false;
                foreach (var chunk in chunks)
                {
                    var passage = new Passage { ChunkId = $"{file}#{chunk.Ordinal}", Text = chunk.Text, Source = file, Locator = chunk.Locator };
                    watch.Restart();
                    var classifierFlags = (await injection.ClassifyAsync(chunk.Text).ConfigureAwait(false)).Flagged;
                    classifierTimes.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    var outcome = await rails.CheckPassagesAsync([passage]).ConfigureAwait(false);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    var railRemoves = outcome.Quarantined.Count > 0;
                    if (details && railRemoves && !classifierFlags)
                    {
                        await Console.Error.WriteLineAsync($"{group}\t{Path.GetFileName(file)}#{chunk.Ordinal}\t{outcome.Checks[0].Detail}").ConfigureAwait(false);
                    }
                    counts.Chunks++;
                    counts.ChunksByClassifier += classifierFlags ? 1 : 0;
                    counts.ChunksByRail += railRemoves ? 1 : 0;
                    byClassifier |= classifierFlags;
                    byRail |= railRemoves;
                }

                counts.Documents++;
                counts.DocumentsByClassifier += byClassifier ? 1 : 0;
                counts.DocumentsByRail += byRail ? 1 : 0;
            }
        }

        times.Sort();
        classifierTimes.Sort();
        var report = new
        {
            groups = groups.Select(g => new
            {
                group = g.Key,
                documents = g.Value.Documents,
                documents_removed_classifier_alone = g.Value.DocumentsByClassifier,
                documents_removed_rail = g.Value.DocumentsByRail,
                chunks = g.Value.Chunks,
                chunks_removed_classifier_alone = g.Value.ChunksByClassifier,
                chunks_removed_rail = g.Value.ChunksByRail,
            }),
            classifier_alone_ms_per_passage = Percentiles(classifierTimes),
            rail_ms_per_passage = Percentiles(times),
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static object? Percentiles(List<double> sorted) => sorted.Count == 0
        ? null
        : new { p50 = Math.Round(sorted[sorted.Count / 2], 3), p95 = Math.Round(sorted[(int)(sorted.Count * 0.95)], 3), max = Math.Round(sorted[^1], 3) };

    private sealed class Counts
    {
        public int Documents { get; set; }

        public int DocumentsByClassifier { get; set; }

        public int DocumentsByRail { get; set; }

        public int Chunks { get; set; }

        public int ChunksByClassifier { get; set; }

        public int ChunksByRail { get; set; }
    }
}
