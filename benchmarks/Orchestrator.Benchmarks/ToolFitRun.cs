using System.Globalization;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Models;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>tool-fit &lt;bfcl question file&gt;... [--csv out.csv]</c>: refits <see cref="ToolFitWeights"/> on a
/// development set built from the given BFCL files (docs/tools.md, "How the weights were calibrated")
/// and prints the weights with the development balanced accuracy, fitted and shipped.
/// </summary>
internal static class ToolFitRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var csv = args.SkipWhile(a => a != "--csv").Skip(1).FirstOrDefault();
        var files = args.TakeWhile(a => a != "--csv").ToList();
        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: tool-fit <bfcl question file>... [--csv out.csv]").ConfigureAwait(false);
            return 2;
        }

        using var embedder = new MiniLmEmbeddingGenerator();
        var calibrator = new ToolFitCalibrator(new ToolSelector(embedder), embedder);
        var samples = new List<ToolFitSample>();
        foreach (var file in files)
        {
            // The possible-answer file beside the questions, when there is one, adds same-row negatives.
            var answersPath = Path.Combine(Path.GetDirectoryName(file) ?? ".", "possible_answer", Path.GetFileName(file));
            var answers = File.Exists(answersPath) ? await BfclDataset.ReadAnswersAsync(answersPath).ConfigureAwait(false) : null;
            samples.AddRange(await calibrator.SamplesAsync(await BfclDataset.ReadQuestionsAsync(file).ConfigureAwait(false), answers).ConfigureAwait(false));
        }

        var weights = ToolFitCalibrator.Fit(samples);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"samples {samples.Count} ({samples.Count(s => s.CallWanted)} call wanted)"));
        Console.WriteLine(weights.ToString());
        Console.WriteLine(string.Create(inv, $"balanced accuracy on the development set: fitted {ToolFitCalibrator.BalancedAccuracy(samples, weights):F4}, shipped {ToolFitCalibrator.BalancedAccuracy(samples, ToolFitWeights.Calibrated):F4}"));
        if (csv is not null)
        {
            await File.WriteAllLinesAsync(csv, samples.Select(s => Row(s, inv)).Prepend(
                "id,wanted,similarity,generic,request_coverage,name_coverage,argument_coverage,nothing_required,object_coverage,object_similarity,parameter_grounding,weakest_parameter")).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Row(ToolFitSample s, CultureInfo inv)
    {
        var e = s.Evidence;
        return string.Create(inv, $"{s.Id},{(s.CallWanted ? 1 : 0)},{e.Similarity:F4},{e.GenericSimilarity:F4},{e.RequestCoverage:F4},{e.NameCoverage:F4},{e.ArgumentCoverage:F4},{(e.NothingRequired ? 1 : 0)},{e.ObjectCoverage:F4},{e.ObjectSimilarity:F4},{e.ParameterGrounding:F4},{e.WeakestParameterSimilarity:F4}");
    }
}
