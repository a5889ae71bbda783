using System.Globalization;
using Orchestrator.Evaluation;
using Orchestrator.Models;
using Orchestrator.Tools.Deterministic;

// Usage: dotnet run --project benchmarks/ToolFitCalibration -c Release -- <bfcl question file>... [--csv out.csv]
// Prints the fitted ToolFitWeights and the balanced accuracy on the development set.
var csv = args.SkipWhile(a => a != "--csv").Skip(1).FirstOrDefault();
var files = args.TakeWhile(a => a != "--csv").ToList();
if (files.Count == 0)
{
    await Console.Error.WriteLineAsync("usage: ToolFitCalibration <bfcl question file>... [--csv out.csv]");
    return 2;
}

using var embedder = new MiniLmEmbeddingGenerator();
var calibrator = new ToolFitCalibrator(new ToolSelector(embedder), embedder);
var samples = new List<ToolFitSample>();
foreach (var file in files)
{
    samples.AddRange(await calibrator.SamplesAsync(await BfclDataset.ReadQuestionsAsync(file)));
}

var weights = ToolFitCalibrator.Fit(samples);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"samples {samples.Count} ({samples.Count(s => s.CallWanted)} call wanted)"));
Console.WriteLine(weights.ToString());
Console.WriteLine(string.Create(inv, $"balanced accuracy on the development set: fitted {ToolFitCalibrator.BalancedAccuracy(samples, weights):F4}, shipped {ToolFitCalibrator.BalancedAccuracy(samples, ToolFitWeights.Calibrated):F4}"));
if (csv is not null)
{
    await File.WriteAllLinesAsync(csv, samples.Select(s => string.Create(inv,
        $"{s.Id},{(s.CallWanted ? 1 : 0)},{s.Evidence.Similarity:F4},{s.Evidence.GenericSimilarity:F4},{s.Evidence.RequestCoverage:F4},{s.Evidence.NameCoverage:F4},{s.Evidence.ArgumentCoverage:F4},{(s.Evidence.NothingRequired ? 1 : 0)}")).Prepend("id,wanted,similarity,generic,request_coverage,name_coverage,argument_coverage,nothing_required"));
}

return 0;
