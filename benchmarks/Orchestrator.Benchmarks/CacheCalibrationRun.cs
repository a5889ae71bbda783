using System.Globalization;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>cache-calibration [--dataset xquad.en.shared.json]</c>: false hits of the answer cache's
/// near-duplicate rule. Questions about the same XQuAD paragraph are different questions with
/// different answers, would route to the same agent, and must never answer each other: each pair
/// is a would-be false hit. Paragraphs are split in two halves (even and odd positions): the
/// threshold is the lowest on a 0.01 grid whose false-hit rate on the calibration half is at most
/// 0.5%, and the held-out half reports it. Template rewordings ("Can you tell me …") give a rough
/// idea of what the threshold still catches; they are not real paraphrases.
/// </summary>
internal static class CacheCalibrationRun
{
    private static readonly string[] Templates = ["Can you tell me {0}", "{0} Please answer.", "I would like to know: {0}", "Quick question - {0}"];

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.SkipWhile(a => a != "--dataset").Skip(1).FirstOrDefault()
            ?? Path.Combine(BenchmarkPaths.Root(), "..", "shared", "datasets", "xquad_en", "xquad.en.shared.json");
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"dataset not found: {path}; pass --dataset <xquad.en.shared.json>").ConfigureAwait(false);
            return 2;
        }

        var paragraphs = ReadParagraphs(path);
        using var embedder = new MiniLmEmbeddingGenerator();
        var all = paragraphs.SelectMany(p => p).ToList();
        var vectors = (await embedder.EmbedManyAsync(all).ConfigureAwait(false)).Select((v, i) => (all[i], v)).ToDictionary(x => x.Item1, x => x.v, StringComparer.Ordinal);
        var rewordings = all.SelectMany(q => Templates.Select(t => (q, string.Format(CultureInfo.InvariantCulture, t, Lower(q))))).ToList();
        var reworded = await embedder.EmbedManyAsync([.. rewordings.Select(r => r.Item2)]).ConfigureAwait(false);
        var rewordingSims = rewordings.Select((r, i) => (double)VectorMath.Dot(vectors[r.q], reworded[i])).ToList();

        var calibration = Pairs(paragraphs.Where((_, i) => i % 2 == 0), vectors);
        var heldOut = Pairs(paragraphs.Where((_, i) => i % 2 == 1), vectors);
        var grid = Enumerable.Range(80, 20).Select(i => i / 100.0).ToList();
        var chosen = grid.First(t => Rate(calibration, t) <= 0.005);
        var report = new Dictionary<string, object>
        {
            ["dataset"] = Path.GetFileName(path),
            ["paragraphs"] = paragraphs.Count,
            ["questions"] = all.Count,
            ["pairs_calibration"] = calibration.Count,
            ["pairs_held_out"] = heldOut.Count,
            ["same_paragraph_similarity"] = new { p50 = Quantile(calibration.Concat(heldOut), 0.5), p99 = Quantile(calibration.Concat(heldOut), 0.99), max = Math.Round(calibration.Concat(heldOut).Max(), 4) },
            ["chosen_threshold"] = chosen,
            ["held_out_false_hit_rate_at_chosen"] = Math.Round(Rate(heldOut, chosen), 4),
            ["default_threshold"] = CacheConfig.DefaultSimilarity,
            ["held_out_false_hit_rate_at_default"] = Math.Round(Rate(heldOut, CacheConfig.DefaultSimilarity), 4),
            ["sweep"] = grid.Select(t => new { threshold = t, calibration_false_hits = Math.Round(Rate(calibration, t), 4), held_out_false_hits = Math.Round(Rate(heldOut, t), 4), template_rewordings_hit = Math.Round(Rate(rewordingSims, t), 3) }).ToList(),
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static string Lower(string q) => q.Length > 1 ? char.ToLowerInvariant(q[0]) + q[1..] : q;

    private static List<double> Pairs(IEnumerable<List<string>> paragraphs, Dictionary<string, float[]> vectors) =>
        [.. paragraphs.SelectMany(p => p.SelectMany((a, i) => p.Skip(i + 1).Where(b => !string.Equals(a, b, StringComparison.Ordinal)).Select(b => (double)VectorMath.Dot(vectors[a], vectors[b]))))];

    private static double Rate(IReadOnlyCollection<double> similarities, double threshold) =>
        similarities.Count == 0 ? 0 : similarities.Count(s => s >= threshold) / (double)similarities.Count;

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))], 4);
    }

    private static List<List<string>> ReadParagraphs(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(a => a.GetProperty("paragraphs").EnumerateArray())
            .Select(p => p.GetProperty("qas").EnumerateArray().Select(q => q.GetProperty("question").GetString()!.Trim()).Distinct(StringComparer.Ordinal).ToList())
            .Where(q => q.Count > 1)];
    }
}
