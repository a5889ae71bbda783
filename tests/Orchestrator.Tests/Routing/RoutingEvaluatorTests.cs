using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

public sealed class RoutingEvaluatorTests
{
    [Fact]
    public async Task Evaluates_a_tiny_jsonl_dataset_into_the_contract_fields()
    {
        using var dir = new TempDirectory();
        var trainLines = RouterFixtures.HelpDesk().Routes
            .SelectMany(r => r.Examples.Select(e => new { text = e, label = r.Name }))
            .Concat(RouterFixtures.HelpDesk().NegativeExamples.Select(e => new { text = e, label = "oos" }))
            .Select(o => JsonSerializer.Serialize(o));
        var train = dir.Write("train.jsonl", string.Join("\n", trainLines));
        var test = dir.Write("test.jsonl", """
            {"text": "How many days of holiday am I entitled to?", "label": "hr_leave"}
            {"text": "I can't remember my password, how do I reset it?", "label": "it_password"}
            {"text": "How do I get my train tickets reimbursed?", "label": "expenses"}
            {"text": "Someone stole my work laptop", "label": "security"}
            {"text": "what's the weather on mars", "label": "oos"}
            {"text": "Give me a recipe for lasagna", "label": "oos"}
            """);

        var report = await RoutingEvaluator.RunAsync(new RoutingEvalRequest { TrainPath = train, TestPath = test }, SharedEmbedder.Instance);

        Assert.Equal(6, report.Examples);
        Assert.Equal(4, report.Routes);
        Assert.Equal(1.0, report.InScopeAccuracy);
        Assert.Equal(1.0, report.OosRecall);
        Assert.Equal(1.0, report.OosPrecision);
        Assert.Equal(1.0, report.MacroF1);
        Assert.Equal((4, 0, 0), (report.LowConfidence!.Correct, report.LowConfidence.Misrouted, report.LowConfidence.OutOfScopeAccepted));
        Assert.InRange(report.LowConfidence.CorrectFlagged, 0, 4);
        Assert.True(report.FitSeconds > 0);
        Assert.True(report.LatencyMs.P50 <= report.LatencyMs.P95 && report.LatencyMs.P95 <= report.LatencyMs.P99);

        using var json = JsonDocument.Parse(report.ToJson());
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["examples", "routes", "in_scope_accuracy", "oos_recall", "oos_precision", "macro_f1", "threshold", "ece", "low_confidence", "background_examples", "held_out_intents", "cross_validation", "fit_seconds", "latency_ms", "typo_correction", "typos"], names);
        Assert.True(report.BackgroundExamples > 300);
        Assert.Equal(0, report.HeldOutIntents);
        Assert.NotNull(report.CrossValidation);

        // Held-out routes calibrate by default when negatives are given (the oos rows here).
        Assert.NotNull(report.CrossValidation.HeldOutRouteRecall);
        Assert.InRange(report.CrossValidation.HeldOutRouteRecall.Value, 0, 1);
        Assert.Equal(["p50", "p95", "p99"], json.RootElement.GetProperty("latency_ms").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Holding_out_intents_removes_them_from_training_and_marks_their_test_rows_out_of_scope()
    {
        var rows = RouterFixtures.HelpDesk().Routes.SelectMany(r => r.Examples.Select(e => new LabeledUtterance(e, r.Name)))
            .Append(new LabeledUtterance("tell me a joke", "oos")).ToList();

        var (train, test, heldOut) = RoutingEvaluator.HoldOutIntents(rows, rows, 0.5, seed: 42);
        var again = RoutingEvaluator.HoldOutIntents(rows, rows, 0.5, seed: 42);

        Assert.Equal(2, heldOut);
        var kept = train.Where(r => !r.IsOutOfScope).Select(r => r.Label).Distinct().ToList();
        Assert.Equal(2, kept.Count);
        Assert.Contains(train, r => r.IsOutOfScope);
        Assert.All(test.Where(r => !r.IsOutOfScope), r => Assert.Contains(r.Label, kept));
        Assert.Equal(1 + (2 * 8), test.Count(r => r.IsOutOfScope));
        Assert.Equal(train, again.Train);
        Assert.Equal(1, RoutingEvaluator.HoldOutIntents(rows, rows, 0.01, 42).HeldOut);
        Assert.Equal(3, RoutingEvaluator.HoldOutIntents(rows, rows, 0.99, 42).HeldOut);
        Assert.Throws<DatasetFormatException>(() => RoutingEvaluator.HoldOutIntents(rows.Take(8).ToList(), rows, 0.5, 42));
    }

    [Fact]
    public void Oos_metrics_are_null_without_out_of_scope_test_data() 
    {
        var (accuracy, recall, precision, macroF1) = RoutingMetrics.Score(["a", "a", "b"], ["a", "oos", "b"]);

        Assert.Equal(2.0 / 3, accuracy, 9);
        Assert.Null(recall);
        Assert.Null(precision);
        Assert.Equal(((2.0 / 3) + 1.0) / 2, macroF1, 9);
    }

    [Fact]
    public void Rejected_in_scope_counts_as_an_error_and_oos_is_scored_separately()
    {
        string[] gold = ["a", "a", "b", "oos", "oos"];
        string[] predicted = ["a", "oos", "a", "oos", "b"];

        var (accuracy, recall, precision, macroF1) = RoutingMetrics.Score(gold, predicted);

        Assert.Equal(1.0 / 3, accuracy, 9);
        Assert.Equal(0.5, recall);
        Assert.Equal(0.5, precision);

        // a: tp 1, fp 1, fn 1 -> 0.5; b: tp 0 -> 0. oos is not averaged in.
        Assert.Equal(0.25, macroF1, 9);
    }

    [Fact]
    public void Percentile_is_nearest_rank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, RoutingMetrics.Percentile(sorted, 50));
        Assert.Equal(10, RoutingMetrics.Percentile(sorted, 95));
        Assert.Equal(10, RoutingMetrics.Percentile(sorted, 99));
    }

    [Fact]
    public void The_low_confidence_counts_sort_each_accepted_request_by_its_outcome_and_its_flag()
    {
        var counts = new RoutingLowConfidence(0, 0, 0, 0, 0, 0)
            .Add(goldOutOfScope: false, correct: true, flagged: false)
            .Add(goldOutOfScope: false, correct: true, flagged: true)
            .Add(goldOutOfScope: false, correct: false, flagged: true)
            .Add(goldOutOfScope: true, correct: false, flagged: false);

        Assert.Equal(new RoutingLowConfidence(2, 1, 1, 1, 1, 0), counts);
    }
}
