using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>eval guardian --task pii|groundedness --dataset FILE [--json]</c>: scores the guardian's checks
/// as the pipeline runs them. The injection and harm tasks live with the rails; this file holds the
/// PII and groundedness tasks.
/// </summary>
internal static class GuardianEvalCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "pii (Presidio JSON) | groundedness (SQuAD JSON)", Required = true };
        task.AcceptOnlyFromAmong("pii", "groundedness");
        var dataset = new Option<string>("--dataset") { Description = "Dataset file for the task", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("guardian", "Score a guardian check on a labelled dataset") { task, dataset, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(dataset)!, context.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UsageException(
                    $"--dataset: file '{parse.GetValue(dataset)}' not found (resolved to {path}). " +
                    "The third-party datasets live in ../shared/datasets/ beside the repository; see docs/benchmarks.md.");
            }

            var asJson = parse.GetValue(json);
            var line = parse.GetValue(task) switch
            {
                "pii" => PiiLine(PiiEvaluator.Evaluate(path, new PiiDetector()), asJson),
                _ => await GroundednessLineAsync(path, asJson, ct).ConfigureAwait(false),
            };
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string PiiLine(PiiEvalReport r, bool json) =>
        json
            ? JsonSerializer.Serialize(r)
            : string.Create(CultureInfo.InvariantCulture, $"sentences {r.Sentences}, spans {r.Spans}: micro P {r.Micro.Precision:F4} R {r.Micro.Recall:F4} F1 {r.Micro.F1:F4}; structured F1 {r.Structured.F1:F4}; ")
                + string.Join("; ", r.Types.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} P {kv.Value.Precision:F2} R {kv.Value.Recall:F2}")))
                + string.Create(CultureInfo.InvariantCulture, $"; latency p50 {r.LatencyMs.P50:F3} ms / p95 {r.LatencyMs.P95:F3} ms");

    private static async Task<string> GroundednessLineAsync(string path, bool json, CancellationToken ct)
    {
        using var embedder = new MiniLmEmbeddingGenerator();
        var r = await GroundednessEvaluator.EvaluateAsync(path, embedder, ct).ConfigureAwait(false);
        return json
            ? JsonSerializer.Serialize(r)
            : string.Create(CultureInfo.InvariantCulture,
                $"true sentences {r.TrueSentences}: true pass rate {r.TruePassRate:F4}, swapped name caught {r.SwappedNameCaught:F4}, mixed number caught {r.MixedNumberCaught:F4}, foreign sentence caught {r.ForeignSentenceCaught:F4}; latency p50 {r.LatencyMs.P50:F2} ms / p95 {r.LatencyMs.P95:F2} ms");
    }
}
