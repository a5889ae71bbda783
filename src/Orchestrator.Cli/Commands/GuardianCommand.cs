using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;
using Orchestrator.Models;

namespace Orchestrator.Cli.Commands;

/// <summary><c>guardian train</c>: data in, classifier model file out, with the cross-validation figures printed.</summary>
internal static class GuardianCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("guardian", "Train the guardian's embedded classifiers");
        command.Subcommands.Add(CreateTrain(context));
        return command;
    }

    private static Command CreateTrain(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "injection | harm", Required = true };
        task.AcceptOnlyFromAmong([.. ShippedClassifiers.Tasks]);
        var data = new Option<string[]>("--data") { Description = "Labelled rows: JSON lines {text, label, source} or a JSON array; repeat for several files", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Model file to write, e.g. src/Orchestrator.Core/Guardian/Classifiers/injection.model.json", Required = true };
        var targetFpr = new Option<double?>("--target-fpr") { Description = "Benign false-positive rate the threshold is set for (default 0.03 injection, 0.05 harm)" };
        var noCv = new Option<bool>("--no-cv") { Description = "Skip the leave-one-source-out folds (threshold 0.5)" };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object" };
        var encoderName = new Option<string>("--encoder") { Description = "minilm (default) or none (n-grams and structure cues only)", DefaultValueFactory = _ => "minilm" };
        encoderName.AcceptOnlyFromAmong("minilm", "none");
        var cache = new Option<string?>("--cache") { Description = "Encoder-vector cache file (default: in the temp folder); only saves time, never changes the model" };
        var documentRule = new Option<double?>("--document-rule") { Description = "Flag documents (tables, e-mails, code) holding a line addressed to the model: they score at least this floor, e.g. 0.99 (default: off)" };
        var equalSources = new Option<bool>("--equal-source-weights") { Description = "Weigh every source the same inside its class (default: rows of a source weigh 1/sqrt(n))" };
        var embeddingHead = new Option<bool>("--embedding-head") { Description = "Give the encoder's vectors their own head, blended with the n-gram and cue head; its L2, source weighting and blend are chosen by leave-one-source-out recall around the target rate, then AUC (needs --encoder minilm)" };
        var cueHead = new Option<bool>("--cue-head") { Description = "Give the structure and technique cues their own small head, blended with the n-gram head; its L2, source weighting and blend are chosen by leave-one-source-out recall around the target rate, then AUC (needs no encoder; not with --embedding-head)" };
        var calibrateOn = new Option<string[]>("--calibrate-on") { Description = "Source families whose benign rows also set the threshold (the stricter of their rate and that of every benign row), e.g. for harm the safe prompts that look unsafe: purplellama toxigen gptfuzz", AllowMultipleArgumentsPerToken = true };
        var encoderInput = new Option<string>("--encoder-input") { Description = "What the embedding head's encoder reads: head (the first 256 characters, default) or whole (the whole text, the vector routing makes of a question, so a request's check reuses it)", DefaultValueFactory = _ => "head" };
        encoderInput.AcceptOnlyFromAmong("head", "whole");
        var perFamily = new Option<bool>("--per-family-threshold") { Description = "Each --calibrate-on family must hold the target rate on its own held-out rows (the strictest family's threshold), not only their pool" };
        var scoresOut = new Option<string?>("--held-out-scores") { Description = "Also write every row's leave-one-source-out score as JSON lines {source, label, score} (to compare threshold rules)" };
        var l2 = new Option<double?>("--l2") { Description = "L2 strength of the n-gram and cue head (default 1e-5)" };
        var dropCues = new Option<int[]>("--drop-cues") { Description = "Structure cues (0-13) the model may not use, zeroed before training, e.g. 13 (the text holds a '?', which tells the training sources apart more than harm from ordinary questions)", AllowMultipleArgumentsPerToken = true };
        var blend = new Option<double?>("--blend") { Description = "With --embedding-head: the embedding head's share of the margin, fixed instead of chosen (0 to 1, e.g. 0.3); its L2 and source weighting are still chosen" };
        var command = new Command("train", "Train a classifier with leave-one-source-out calibration and write its model file") { task, data, output, targetFpr, noCv, json, cache, encoderName, documentRule, equalSources, embeddingHead, cueHead, l2, calibrateOn, encoderInput, perFamily, scoresOut, dropCues, blend };
        command.SetAction(async (parse, ct) =>
        {
            var taskName = parse.GetValue(task)!;
            var paths = parse.GetValue(data)!.Select(p => Path.GetFullPath(p, context.WorkingDirectory)).ToArray();
            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                throw new UsageException($"--data: '{path}' not found; the training sets live in ../shared/datasets/guardian_*/train.jsonl");
            }

            var fpr = parse.GetValue(targetFpr) ?? (taskName == ShippedClassifiers.Harm ? 0.05 : 0.03);
            if (fpr is <= 0 or >= 1)
            {
                throw new UsageException($"--target-fpr: {fpr} is out of range; expected a rate between 0 and 1, e.g. 0.03");
            }

            if (parse.GetValue(documentRule) is { } floor && (floor is <= 0 or >= 1 || double.IsNaN(floor)))
            {
                throw new UsageException($"--document-rule: {floor} is out of range; expected a probability between 0 and 1, e.g. 0.99");
            }

            if (parse.GetValue(embeddingHead) && parse.GetValue(encoderName) == "none")
            {
                throw new UsageException("--embedding-head: needs the sentence encoder; drop --encoder none");
            }

            if (parse.GetValue(embeddingHead) && parse.GetValue(cueHead))
            {
                throw new UsageException("--cue-head: a model has an embedding head or a cue head, not both; drop one of --embedding-head and --cue-head");
            }

            if (parse.GetValue(encoderInput) == "whole" && !parse.GetValue(embeddingHead))
            {
                throw new UsageException("--encoder-input whole: only the embedding head reads the whole text; add --embedding-head");
            }

            if (parse.GetValue(l2) is { } strength && (strength < 0 || !double.IsFinite(strength)))
            {
                throw new UsageException($"--l2: {strength} is out of range; expected a small non-negative number, e.g. 1e-5");
            }

            var rows = GuardianDatasetReader.Read(paths);
            if (!rows.Any(r => r.Label == 1) || !rows.Any(r => r.Label == 0))
            {
                throw new UsageException($"--data: training needs rows of both labels (1 and 0); the files hold {rows.Count(r => r.Label == 1)} positive and {rows.Count(r => r.Label == 0)} benign rows");
            }

            var outPath = Path.GetFullPath(parse.GetValue(output)!, context.WorkingDirectory);
            await context.Error.WriteLineAsync($"training '{taskName}' on {rows.Count} rows from {rows.Select(r => r.Source).Distinct().Count()} sources").ConfigureAwait(false);
            using var encoder = new MiniLmEmbeddingGenerator(batchSize: 16, maxConcurrentBatches: 1, intraOpThreads: 1);
            var cachePath = parse.GetValue(cache) is { } c ? Path.GetFullPath(c, context.WorkingDirectory) : Path.Combine(Path.GetTempPath(), "orchestrator-guardian-minilm.cache");
            using var embedder = new EmbeddingFileCache(encoder, cachePath, MiniLmEmbeddingGenerator.Dimensions);
            await context.Error.WriteLineAsync($"encoder cache {cachePath}: {embedder.Count} vectors").ConfigureAwait(false);
            var options = new ClassifierTrainingOptions
            {
                Task = taskName,
                TargetFalsePositiveRate = fpr,
                CrossValidate = !parse.GetValue(noCv),
                Encoder = parse.GetValue(encoderName) == "none" ? "none" : MiniLmEmbeddingGenerator.ModelId,
                DocumentInstructionFloor = parse.GetValue(documentRule),
                EqualSourceWeights = parse.GetValue(equalSources),
                EmbeddingHead = parse.GetValue(embeddingHead),
                CueHead = parse.GetValue(cueHead),
                WholeTextEncoderInput = parse.GetValue(encoderInput) == "whole",
                PerFamilyThreshold = parse.GetValue(perFamily),
            };
            var calibration = (parse.GetValue(calibrateOn) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var benignFamilies = rows.Where(r => r.Label == 0).Select(r => r.Source).ToHashSet(StringComparer.Ordinal);
            foreach (var family in calibration.Where(f => !benignFamilies.Contains(f)))
            {
                throw new UsageException($"--calibrate-on: no benign rows come from source family '{family}'; families with benign rows: {string.Join(", ", benignFamilies.Order(StringComparer.Ordinal))}");
            }

            options = options with { CalibrationSources = calibration.Length > 0 ? calibration : null };
            if (parse.GetValue(dropCues) is { Length: > 0 } dropped)
            {
                if (dropped.Any(c => c is < 0 or >= StructureCues.Count))
                {
                    throw new UsageException($"--drop-cues: {string.Join(", ", dropped.Where(c => c is < 0 or >= StructureCues.Count))} is not a structure cue; expected numbers from 0 to {StructureCues.Count - 1}");
                }

                options = options with { DroppedCues = [.. dropped.Distinct().Order()] };
            }

            if (parse.GetValue(blend) is { } share)
            {
                if (!options.EmbeddingHead)
                {
                    throw new UsageException("--blend: only an embedding head is blended; add --embedding-head");
                }

                if (share is <= 0 or > 1 || double.IsNaN(share))
                {
                    throw new UsageException($"--blend: {share} is out of range; expected a share above 0 and at most 1, e.g. 0.3");
                }

                options = options with { BlendGrid = [share] };
            }

            if (parse.GetValue(l2) is { } mainL2)
            {
                options = options with { L2 = mainL2 };
            }

            var progress = new InlineProgress<string>(message => context.Error.WriteLine(message));
            var result = await GuardianClassifierTrainer.TrainAsync(rows, embedder, options, progress, ct).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            await File.WriteAllTextAsync(outPath, result.Model.ToJson() + "\n", ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"wrote {outPath} in {result.TrainSeconds:F0} s").ConfigureAwait(false);
            if (parse.GetValue(scoresOut) is { } scoresPath && result.CrossValidation?.HeldOutScores is { } heldOut)
            {
                var lines = rows.Select((r, i) => JsonSerializer.Serialize(new { source = r.Source, label = r.Label, score = heldOut[i] }));
                await File.WriteAllLinesAsync(Path.GetFullPath(scoresPath, context.WorkingDirectory), lines, ct).ConfigureAwait(false);
            }

            await PrintAsync(context, result, parse.GetValue(json)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task PrintAsync(CliContext context, ClassifierTrainingResult result, bool json)
    {
        var cv = result.CrossValidation;
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { task = result.Model.Task, threshold = result.Model.Threshold, cross_validation = cv }, OrchestratorJson.Options)).ConfigureAwait(false);
            return;
        }

        if (cv is null)
        {
            await context.Out.WriteLineAsync($"task {result.Model.Task}: no cross-validation, threshold {result.Model.Threshold}").ConfigureAwait(false);
            return;
        }

        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"task {result.Model.Task}, leave-one-source-out over {cv.Sources} sources, {cv.Rows} rows ({cv.Positives} positive): AUC {cv.Auc:F4}, threshold {cv.Threshold:F4}, recall {cv.Recall:F4}, false-positive rate {cv.FalsePositiveRate:F4}")).ConfigureAwait(false);
        if (cv.CalibrationFalsePositiveRate is { } calibrationFpr)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  threshold also held on the calibration sources' benign rows: their false-positive rate {calibrationFpr:F4}")).ConfigureAwait(false);
        }

        if (cv.Nested is { } nested)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  nested (each family judged by a threshold set without it): recall {nested.Recall:F4}, false-positive rate {nested.FalsePositiveRate:F4}{(nested.CalibrationFalsePositiveRate is { } c ? $", calibration sources' false-positive rate {c:F4}" : "")}; worst benign family {nested.WorstFamily} {nested.WorstFamilyFalsePositiveRate:F3}")).ConfigureAwait(false);
        }

        if (cv.NestedPerFamilyRule is { } strictest)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  nested, per-family rule (each calibration family held to the rate): recall {strictest.Recall:F4}, false-positive rate {strictest.FalsePositiveRate:F4}, calibration sources' false-positive rate {strictest.CalibrationFalsePositiveRate:F4}; worst benign family {strictest.WorstFamily} {strictest.WorstFamilyFalsePositiveRate:F3}")).ConfigureAwait(false);
        }

        if (cv.MainHeadAuc is { } mainAuc && cv.EmbeddingHeadCandidates is { Count: > 0 } candidates)
        {
            var chosen = candidates[0];
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  n-gram and cue head alone: AUC {mainAuc:F4}; {(result.Model.CueHead is not null || result.Model.Training?.ContainsKey("cue_head") == true ? "cue" : "embedding")} head chosen: l2 {chosen.L2:G3}, {(chosen.EqualSourceWeights ? "equal" : "sqrt")} source weights, blend {chosen.Blend:G2} (of {candidates.Count} settings tried)")).ConfigureAwait(false);
        }

        foreach (var s in cv.PerSource)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Source,-48} rows {s.Rows,5}  positives {s.Positives,5}  recall {Fmt(s.Recall)}  fpr {Fmt(s.FalsePositiveRate)}")).ConfigureAwait(false);
        }
    }

    private static string Fmt(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "  -  ";
}
