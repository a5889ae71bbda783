using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Models;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("eval", "Measure router and retrieval quality on labelled datasets");
        command.Subcommands.Add(CreateRouting(context));
        command.Subcommands.Add(CreateRetrieval(context));
        command.Subcommands.Add(CreateTools(context));
        command.Subcommands.Add(FollowupsEvalCommand.Create(context));
        command.Subcommands.Add(AnswersEvalCommand.Create(context));
        command.Subcommands.Add(GuardianEvalCommand.Create(context));
        return command;
    }

    private static Command CreateRouting(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training file: its labels become routes, its utterances their examples", Required = true };
        var test = new Option<string>("--test") { Description = "Test file (may be the training file with --holdout)", Required = true };
        var format = new Option<string?>("--format") { Description = "clinc150 | banking77 | jsonl (default: detected)" };
        format.AcceptOnlyFromAmong("clinc150", "banking77", "jsonl");
        var testSplit = new Option<string?>("--test-split") { Description = "clinc150 key to test on: test (default) or val" };
        var holdout = new Option<double?>("--holdout") { Description = "Split both files by a fixed seed and test on this held-out share, e.g. 0.2 (Banking77)" };
        var seed = new Option<int>("--split-seed") { Description = "Seed for --holdout", DefaultValueFactory = _ => 42 };
        var typos = new Option<double?>("--typos") { Description = "Also score test text with seeded typos in this share of utterances (0 to 1), without and with spelling correction" };
        var typoSeed = new Option<int>("--typo-seed") { Description = "Seed for --typos", DefaultValueFactory = _ => 1 };
        var correction = new Option<string>("--typo-correction") { Description = "on (default, as the service routes) | off: whether the main figures route the spelling-corrected text", DefaultValueFactory = _ => "on" };
        correction.AcceptOnlyFromAmong("on", "off");
        var routerCache = new Option<string?>("--router-cache") { Description = "Folder to keep fitted routers in and reuse them from (keyed by training data, options and embedder); default: fit afresh" };
        var holdoutIntents = new Option<double?>("--holdout-intents") { Description = "Remove this share of the training labels, e.g. 0.2; their test rows count as out of scope (unseen-request estimate)" };
        var background = new Option<string>("--background") { Description = "builtin (default): add the router's built-in off-topic set as negatives, as deployments do; none: only the file's oos rows", DefaultValueFactory = _ => "builtin" };
        background.AcceptOnlyFromAmong("builtin", "none");
        var heldOutRoutes = new Option<bool>("--calibrate-held-out-routes")
        {
            Description = "true (default) | false: also calibrate the out-of-scope decision on whole routes held out of the fit (SemanticRouterOptions.HoldOutIntents)",
            DefaultValueFactory = _ => new Routing.SemanticRouterOptions().HoldOutIntents,
        };
        var charNgrams = new Option<string>("--char-ngrams") { Description = "on (default): the head reads hashed character n-grams beside the embedding (SemanticRouterOptions.CharNgramBuckets); off: the embedding alone", DefaultValueFactory = _ => "on" };
        charNgrams.AcceptOnlyFromAmong("on", "off");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var quantization = EncoderQuantizationOption.Create();
        var command = new Command("routing", "Fit a fresh router on the training file and score it on the test file") { train, test, format, testSplit, holdout, seed, typos, typoSeed, correction, routerCache, holdoutIntents, background, heldOutRoutes, charNgrams, json, quantization };
        command.SetAction(async (parse, ct) =>
        {
            var share = parse.GetValue(holdout);
            if (share is <= 0 or >= 1)
            {
                throw new UsageException($"--holdout: {share} is out of range; expected a share between 0 and 1, e.g. 0.2");
            }

            var intentShare = parse.GetValue(holdoutIntents);
            if (intentShare is not null && !(intentShare > 0 && intentShare < 1))
            {
                throw new UsageException($"--holdout-intents: {intentShare} is out of range; expected a share of labels between 0 and 1, e.g. 0.2");
            }

            var typoRate = parse.GetValue(typos);
            if (typoRate is { } rateValue && !(rateValue is >= 0 and <= 1))
            {
                throw new UsageException($"--typos: {typoRate} is out of range; expected the share of test utterances to give typos, from 0 to 1, e.g. 1");
            }

            var request = new RoutingEvalRequest
            {
                TrainPath = Path.GetFullPath(parse.GetValue(train)!, context.WorkingDirectory),
                TestPath = Path.GetFullPath(parse.GetValue(test)!, context.WorkingDirectory),
                Format = parse.GetValue(format) switch
                {
                    "clinc150" => RoutingDatasetFormat.Clinc150,
                    "banking77" => RoutingDatasetFormat.Banking77,
                    "jsonl" => RoutingDatasetFormat.Jsonl,
                    _ => null,
                },
                TestSplit = parse.GetValue(testSplit),
                Holdout = share,
                SplitSeed = parse.GetValue(seed),
                CorrectTypos = parse.GetValue(correction) != "off",
                TypoRate = typoRate,
                TypoSeed = parse.GetValue(typoSeed),
                CacheDirectory = parse.GetValue(routerCache) is { Length: > 0 } cacheFolder ? Path.GetFullPath(cacheFolder, context.WorkingDirectory) : null,
                HoldoutIntents = intentShare,
                Background = parse.GetValue(background) != "none",
                RouterOptions = new Routing.SemanticRouterOptions
                {
                    HoldOutIntents = parse.GetValue(heldOutRoutes),
                    CharNgramBuckets = parse.GetValue(charNgrams) == "off" ? 0 : new Routing.SemanticRouterOptions().CharNgramBuckets,
                },
            };
            RequireFile(request.TrainPath, "--train");
            RequireFile(request.TestPath, "--test");
            using var embedder = EncoderQuantizationOption.Embedder(parse.GetValue(quantization));
            RoutingEvalReport? report = null;
            await CliRuntime.Progress(CliRuntime.StderrConsole(context)).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("fitting and routing", maxValue: 1.0);
                report = await RoutingEvaluator.RunAsync(request, embedder, new InlineProgress<double>(p => task.Value = p), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(report!.ToJson()).ConfigureAwait(false);
            }
            else
            {
                var r = report!;
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"examples {r.Examples}, routes {r.Routes}: in-scope accuracy {r.InScopeAccuracy:F4}, oos recall {Fmt(r.OosRecall)}, oos precision {Fmt(r.OosPrecision)}, macro F1 {r.MacroF1:F4}, ECE {Fmt(r.ExpectedCalibrationError)}, threshold {r.Threshold:F4}, background {r.BackgroundExamples}, held-out intents {r.HeldOutIntents}, fit {r.FitSeconds:F1} s, latency p50 {r.LatencyMs.P50:F2} ms / p95 {r.LatencyMs.P95:F2} ms / p99 {r.LatencyMs.P99:F2} ms")).ConfigureAwait(false);
                if (r.Typos is { } t)
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"typos (rate {t.Rate}, seed {t.Seed}, {t.UtterancesChanged} utterances changed): in-scope accuracy clean {t.Clean.WithoutCorrection.InScopeAccuracy:F4} -> corrected {t.Clean.WithCorrection.InScopeAccuracy:F4} ({t.Clean.TextsCorrected} texts changed); noisy {t.Noisy.WithoutCorrection.InScopeAccuracy:F4} -> corrected {t.Noisy.WithCorrection.InScopeAccuracy:F4}; oos recall clean {Fmt(t.Clean.WithoutCorrection.OosRecall)} -> {Fmt(t.Clean.WithCorrection.OosRecall)}, noisy {Fmt(t.Noisy.WithoutCorrection.OosRecall)} -> {Fmt(t.Noisy.WithCorrection.OosRecall)}")).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRetrieval(CliContext context)
    {
        var dataset = new Option<string>("--dataset") { Description = "SQuAD-format JSON file", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var misses = new Option<string?>("--misses") { Description = "Also write the questions whose answer lacks the gold answer to this JSON-lines file" };
        var quantization = EncoderQuantizationOption.Create();
        var command = new Command("retrieval", "Ingest a SQuAD file's paragraphs into a temporary store and score retrieval and answers") { dataset, json, misses, quantization };
        command.SetAction(async (parse, ct) =>
        {
            // Checked before the dataset is read, so a long evaluation never ends on an unwritable path.
            var missesPath = parse.GetValue(misses) is { Length: > 0 } m ? Path.GetFullPath(m, context.WorkingDirectory) : null;
            if (missesPath is not null && (Directory.Exists(missesPath) || !Directory.Exists(Path.GetDirectoryName(missesPath))))
            {
                throw new UsageException($"--misses: '{parse.GetValue(misses)}' is not a file in an existing folder; pass a path like misses.jsonl");
            }

            var path = Path.GetFullPath(parse.GetValue(dataset)!, context.WorkingDirectory);
            RequireFile(path, "--dataset", parse.GetValue(dataset));
            using var embedder = EncoderQuantizationOption.Embedder(parse.GetValue(quantization));
            var evaluator = new RetrievalEvaluator(embedder);
            RetrievalEvaluationReport? report = null;
            await CliRuntime.Progress(CliRuntime.StderrConsole(context)).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("ingesting and asking");
                report = await evaluator.EvaluateAsync(path, new InlineProgress<int>(p => task.Value = p), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var r = report!;
            if (missesPath is not null)
            {
                await File.WriteAllLinesAsync(missesPath, r.Misses.Select(miss => JsonSerializer.Serialize(miss)), ct).ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(r)
                : string.Create(CultureInfo.InvariantCulture,
                    $"questions {r.Questions}, paragraphs {r.Paragraphs}: recall@1 {r.RecallAt1:F4}, recall@5 {r.RecallAt5:F4}, MRR {r.Mrr:F4}, answer contains gold {r.AnswerContainsGold:F4}, first sentence contains gold {r.FirstSentenceContainsGold:F4}, latency p50 {r.LatencyMs.P50:F2} ms / p95 {r.LatencyMs.P95:F2} ms{UnanswerableSummary(r.Unanswerable)}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string UnanswerableSummary(UnanswerableScores? u) => u is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"; unanswerable {u.Questions}: declined {u.Declined:F4}, withheld by relevance {u.WithheldByRelevance:F4}, answered {u.Answered:F4} (answerable withheld by relevance {u.AnswerableWithheldByRelevance:F4})");

    private static Command CreateTools(CliContext context)
    {
        var questions = new Option<string>("--questions") { Description = "BFCL question rows (JSON lines with id, question, function)", Required = true };
        var answers = new Option<string?>("--answers") { Description = "BFCL possible_answer rows, to score names and arguments" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var quantization = EncoderQuantizationOption.Create();
        var command = new Command("tools", "Score tool selection and argument filling (deterministic, no model) on BFCL rows") { questions, answers, json, quantization };
        command.SetAction(async (parse, ct) =>
        {
            var questionsPath = Path.GetFullPath(parse.GetValue(questions)!, context.WorkingDirectory);
            RequireFile(questionsPath, "--questions", parse.GetValue(questions));
            var answersPath = parse.GetValue(answers) is { } a ? Path.GetFullPath(a, context.WorkingDirectory) : null;
            if (answersPath is not null)
            {
                RequireFile(answersPath, "--answers", parse.GetValue(answers));
            }

            using var embedder = EncoderQuantizationOption.Embedder(parse.GetValue(quantization));
            var evaluator = new ToolEvaluator(new DeterministicToolPlanner(new ToolSelector(embedder)));
            var r = await evaluator.EvaluateAsync(questionsPath, answersPath, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(r)
                : string.Create(CultureInfo.InvariantCulture,
                    $"rows {r.Rows}: selection accuracy {Fmt(r.SelectionAccuracy)}, no-call accuracy {Fmt(r.NoCallAccuracy)}, argument exact {Fmt(r.ArgumentExact)}; plans: called {r.Plans.Called}, asked for input {r.Plans.Asked}, declined {r.Plans.Declined}; latency p50 {r.LatencyMs.P50:F2} ms / p95 {r.LatencyMs.P95:F2} ms")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void RequireFile(string fullPath, string option, string? asGiven = null)
    {
        if (!File.Exists(fullPath))
        {
            throw new UsageException(
                $"{option}: dataset file '{asGiven ?? fullPath}' not found (resolved to {fullPath}). " +
                "The third-party datasets live in ../shared/datasets/ beside the repository; see docs/benchmarks.md for where to get them.");
        }
    }

    private static string Fmt(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
