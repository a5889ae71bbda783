#:project ../../src/Orchestrator.Core/Orchestrator.Core.csproj
// In-process cost of pruning: re-ingest of an unchanged folder with Prune on and off, and of the same
// folder with a quarter of its files gone (removed vs kept). A letter-count embedder: embedding is not measured.
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;

var n = args.Length > 0 ? int.Parse(args[0]) : 2000;
var root = Path.Combine(Path.GetTempPath(), "prune-cost-" + Environment.ProcessId);
Directory.CreateDirectory(Path.Combine(root, "kb"));
for (var i = 0; i < n; i++) File.WriteAllText(Path.Combine(root, "kb", $"p{i:D5}.md"), $"# Policy {i}\n\nPolicy {i} applies to team {i} only.\n");
using var store = new SqliteVectorStore(Path.Combine(root, "store.db"));
var embedder = new Letters();
async Task<(double Ms, IngestReport Report)> Run(bool prune)
{
    var sw = Stopwatch.StartNew();
    var report = await new DocumentIngestor(store, embedder, root, new IngestOptions { Prune = prune }).IngestAsync("kb", ["kb"]);
    return (sw.Elapsed.TotalMilliseconds, report);
}
await Run(true);
var off = new List<double>(); var on = new List<double>();
for (var r = 0; r < 7; r++) { off.Add((await Run(false)).Ms); on.Add((await Run(true)).Ms); }
Console.WriteLine($"unchanged {n} files: prune off median {Median(off):F1} ms, on {Median(on):F1} ms  (off {string.Join(", ", off.Select(x => x.ToString("F0")))}; on {string.Join(", ", on.Select(x => x.ToString("F0")))})");
var kept = new List<double>(); var removed = new List<double>();
var gone = Enumerable.Range(0, n).Where(i => i % 4 == 0).Select(i => Path.Combine(root, "kb", $"p{i:D5}.md")).ToList();
for (var r = 0; r < 5; r++)
{
    foreach (var f in gone) File.Move(f, f + ".held");
    kept.Add((await Run(false)).Ms);
    var (ms, report) = await Run(true);
    removed.Add(ms);
    if (report.FilesRemoved.Count != gone.Count) throw new InvalidOperationException("expected removals");
    foreach (var f in gone) File.Move(f + ".held", f);
    await Run(true); // restores them (re-embedded with the letter counts)
}
Console.WriteLine($"{gone.Count} of {n} gone: kept (prune off) median {Median(kept):F1} ms, removed (prune on) {Median(removed):F1} ms  (off {string.Join(", ", kept.Select(x => x.ToString("F0")))}; on {string.Join(", ", removed.Select(x => x.ToString("F0")))})");
Directory.Delete(root, true);

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }

sealed class Letters : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var v = new float[16];
            foreach (var c in text.ToLowerInvariant().Where(char.IsLetter)) v[c % 16]++;
            var norm = MathF.Sqrt(v.Sum(x => x * x)); if (norm > 0) for (var i = 0; i < 16; i++) v[i] /= norm; else v[0] = 1;
            result.Add(new Embedding<float>(v));
        }
        return Task.FromResult(result);
    }
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, "letters", 16) : null;
    public void Dispose() { }
}
