using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>eval guardian --task injection|harm|pii|groundedness --dataset FILE [--json]</c>: scores the
/// guardian's checks as the pipeline runs them (same normalisation, models and thresholds).
/// </summary>
internal static class GuardianEvalCommand
{
    private static readonly string[] TextTasks = ["pii", "groundedness"];

    public static Command Create(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "injection | harm (JSON lines {text, label}) | pii (Presidio JSON) | groundedness (SQuAD JSON)", Required = true };
        task.AcceptOnlyFromAmong([.. ShippedClassifiers.Tasks, .. TextTasks]);
        var dataset = new Option<string>("--dataset") { Description = "Dataset file for the task", Required = true };
        var model = new Option<string?>("--model") { Description = "injection | harm: a model file to score instead of the shipped one" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var errors = new Option<string?>("--errors") { Description = "pii: write each missed and each spurious span to this file (JSON lines), for error analysis" };
        var quantization = EncoderQuantizationOption.Create();
        var command = new Command("guardian", "Score a guardian check on a labelled dataset") { task, dataset, model, json, errors, quantization };
        command.SetAction(async (parse, ct) =>
        {
            var taskName = parse.GetValue(task)!;
            var path = Path.GetFullPath(parse.GetValue(dataset)!, context.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UsageException(
                    $"--dataset: file '{parse.GetValue(dataset)}' not found (resolved to {path}). " +
                    "The third-party datasets live in ../shared/datasets/ beside the repository; see docs/benchmarks.md.");
            }

            var asJson = parse.GetValue(json);
            var line = taskName switch
            {
                "pii" => PiiLine(EvaluatePii(path, parse.GetValue(errors), context), asJson),
                "groundedness" => await GroundednessLineAsync(path, parse.GetValue(quantization), asJson, ct).ConfigureAwait(false),
                _ => await ClassifierLineAsync(taskName, path, parse.GetValue(model), parse.GetValue(quantization), context, asJson, ct).ConfigureAwait(false),
            };
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ClassifierLineAsync(string taskName, string path, string? modelPath, string? quantization, CliContext context, bool json, CancellationToken ct)
    {
        var loaded = modelPath is not null
            ? ClassifierModel.Load(Path.GetFullPath(modelPath, context.WorkingDirectory))
            : ShippedClassifiers.Load(taskName);
        var rows = GuardianDatasetReader.ReadForEvaluation(path);
        if (rows.Count == 0)
        {
            throw DatasetFormatException.At(path, "file", "no rows; expected one {\"text\": ..., \"label\": 1 or 0} object per line");
        }

        using var embedder = EncoderQuantizationOption.Embedder(quantization);
        var report = await GuardianClassifierEvaluator.RunAsync(loaded, embedder, rows, null, ct).ConfigureAwait(false);
        return json
            ? JsonSerializer.Serialize(report)
            : string.Create(CultureInfo.InvariantCulture,
                $"task {taskName}, rows {report.Rows} ({report.Positives} positive): recall {report.Recall:F4}, benign accuracy {report.BenignAccuracy:F4}, false-positive rate {report.FalsePositiveRate:F4}, AUC {report.Auc:F4}, threshold {report.Threshold:F4}, latency p50 {report.LatencyMs.P50:F2} ms / p95 {report.LatencyMs.P95:F2} ms, in a request (question vector shared with routing) p50 {report.LatencyInRequestMs?.P50:F2} ms / p95 {report.LatencyInRequestMs?.P95:F2} ms");
    }

    private static PiiEvalReport EvaluatePii(string path, string? errorsPath, CliContext context)
    {
        if (errorsPath is null)
        {
            return PiiEvaluator.Evaluate(path, new PiiDetector());
        }

        using var writer = new StreamWriter(Path.GetFullPath(errorsPath, context.WorkingDirectory));
        return PiiEvaluator.Evaluate(path, new PiiDetector(), writer);
    }

    private static string PiiLine(PiiEvalReport r, bool json) =>
        json
            ? JsonSerializer.Serialize(r)
            : string.Create(CultureInfo.InvariantCulture, $"sentences {r.Sentences}, spans {r.Spans}: micro P {r.Micro.Precision:F4} R {r.Micro.Recall:F4} F1 {r.Micro.F1:F4}; structured F1 {r.Structured.F1:F4}; ")
                + string.Join("; ", r.Types.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} P {kv.Value.Precision:F2} R {kv.Value.Recall:F2}")))
                + string.Create(CultureInfo.InvariantCulture, $"; latency p50 {r.LatencyMs.P50:F3} ms / p95 {r.LatencyMs.P95:F3} ms");

    private static async Task<string> GroundednessLineAsync(string path, string? quantization, bool json, CancellationToken ct)
    {
        using var embedder = EncoderQuantizationOption.Embedder(quantization);
        var r = await GroundednessEvaluator.EvaluateAsync(path, embedder, ct).ConfigureAwait(false);
        return json
            ? JsonSerializer.Serialize(r)
            : string.Create(CultureInfo.InvariantCulture,
                $"true sentences {r.TrueSentences}: true pass rate {r.TruePassRate:F4}, swapped name caught {r.SwappedNameCaught:F4}, mixed number caught {r.MixedNumberCaught:F4}, foreign sentence caught {r.ForeignSentenceCaught:F4}; latency p50 {r.LatencyMs.P50:F2} ms / p95 {r.LatencyMs.P95:F2} ms");
    }
}
