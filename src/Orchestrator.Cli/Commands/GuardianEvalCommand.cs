using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Models;

namespace Orchestrator.Cli.Commands;

/// <summary><c>eval guardian --task injection|harm</c>: the shipped classifier scored as the input rail runs it.</summary>
internal static class GuardianEvalCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "injection | harm", Required = true };
        task.AcceptOnlyFromAmong([.. ShippedClassifiers.Tasks]);
        var dataset = new Option<string>("--dataset") { Description = "JSON lines {text, label} (1 = injection/jailbreak or harmful)", Required = true };
        var model = new Option<string?>("--model") { Description = "A model file to score instead of the shipped one" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("guardian", "Score a guardian classifier (same normalisation, model and threshold as the rails)") { task, dataset, model, json };
        command.SetAction(async (parse, ct) =>
        {
            var taskName = parse.GetValue(task)!;
            var path = Path.GetFullPath(parse.GetValue(dataset)!, context.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UsageException($"--dataset: '{parse.GetValue(dataset)}' not found (resolved to {path}); the guardian sets live in ../shared/datasets/");
            }

            var loaded = parse.GetValue(model) is { } modelPath
                ? ClassifierModel.Load(Path.GetFullPath(modelPath, context.WorkingDirectory))
                : ShippedClassifiers.Load(taskName);
            var rows = GuardianDatasetReader.ReadForEvaluation(path);
            using var embedder = new MiniLmEmbeddingGenerator();
            var report = await GuardianClassifierEvaluator.RunAsync(new GuardianClassifier(loaded, embedder), rows, null, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(report)
                : string.Create(CultureInfo.InvariantCulture,
                    $"task {taskName}, rows {report.Rows} ({report.Positives} positive): recall {report.Recall:F4}, benign accuracy {report.BenignAccuracy:F4}, false-positive rate {report.FalsePositiveRate:F4}, AUC {report.Auc:F4}, threshold {report.Threshold:F4}, latency p50 {report.LatencyMs.P50:F2} ms / p95 {report.LatencyMs.P95:F2} ms")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
