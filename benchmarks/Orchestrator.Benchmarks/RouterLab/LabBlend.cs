using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>blend --trace FILE [--alphas a,b] [--betas a,b] [--candidates n]</c>: on a recorded fit, the
/// head's logits split into their embedding part (with the bias) and their character n-gram part,
/// recombined as embedding + alpha x n-grams, then the nearest-example vote with weight beta among
/// the likeliest routes. No head is refitted. Every (alpha, beta) is scored by out-of-fold accuracy
/// on the training rows (fold head f on fold f, neighbours from the other folds: the selector) and
/// by the final head's arg-max on the in-scope test rows (never the selector).
/// </summary>
internal static class LabBlend
{
    public static int Run(string[] args, LabData data)
    {
        var path = RoutingRunArgs.Value(args, "--trace") ?? throw new ArgumentException("--trace FILE is required");
        var trace = LabTrace.Read(path);
        var vectors = trace.Texts.Select(data.Vector).ToArray();
        var routes = trace.Routes;
        var dims = vectors[0].Length;
        var alphas = Floats(RoutingRunArgs.Value(args, "--alphas") ?? "0,0.25,0.5,0.75,1,1.25,1.5,2,3");
        var betas = Floats(RoutingRunArgs.Value(args, "--betas") ?? "0,1,2,4,8,12,16,24,32");
        var candidates = int.Parse(RoutingRunArgs.Value(args, "--candidates") ?? "5", CultureInfo.InvariantCulture);
        var inRows = Enumerable.Range(0, vectors.Length).Where(i => trace.Labels[i] < routes && !trace.IsBackground[i]).ToArray();
        var foldIndex = LabNeighbours.FoldIndexes(trace, vectors, dims);
        var fullIndex = LabNeighbours.FullIndex(trace, vectors, dims);
        var final = trace.Heads[^1];
        var oof = inRows.Select(i => Parts(trace.Heads[trace.Fold[i]], vectors[i], trace.Texts[i])).ToArray();
        var testRows = LabNeighbours.InScopeTestRows(data);
        var routeOf = LabNeighbours.RouteIndexes(data);
        var test = testRows.Select(t => Parts(final, data.Vector(data.CorrectedTest[t]), data.CorrectedTest[t])).ToArray();

        var oofRows = new bool[alphas.Length, betas.Length][];
        var oofRight = Count(alphas, betas, candidates, routes, inRows.Length, q => (oof[q], vectors[inRows[q]], foldIndex[trace.Fold[inRows[q]]], trace.Labels[inRows[q]]), oofRows);
        var testRight = Count(alphas, betas, candidates, routes, testRows.Length, q => (test[q], data.Vector(data.CorrectedTest[testRows[q]]), fullIndex, routeOf.GetValueOrDefault(data.Test[testRows[q]].Label, -1)));
        var best = (A: 0, B: 0);
        for (var a = 0; a < alphas.Length; a++)
        {
            for (var b = 0; b < betas.Length; b++)
            {
                if (oofRight[a, b] > oofRight[best.A, best.B])
                {
                    best = (a, b);
                }

                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    alpha = alphas[a],
                    beta = betas[b],
                    oof_right = oofRight[a, b],
                    oof_accuracy = Math.Round((double)oofRight[a, b] / inRows.Length, 4),
                    test_right = testRight[a, b],
                    test_accuracy = Math.Round((double)testRight[a, b] / testRows.Length, 4),
                }));
            }
        }

        // The paired comparison with the best pair at alpha = 1 (the head as trained): rows only the
        // chosen pair routes right, and rows only that one does (what a McNemar test would weigh).
        var baseA = Array.IndexOf(alphas, 1f);
        var baseB = 0;
        for (var b = 0; baseA >= 0 && b < betas.Length; b++)
        {
            baseB = oofRight[baseA, b] > oofRight[baseA, baseB] ? b : baseB;
        }

        var (onlyChosen, onlyBase) = baseA < 0 ? (0, 0) : (
            Enumerable.Range(0, inRows.Length).Count(q => oofRows[best.A, best.B][q] && !oofRows[baseA, baseB][q]),
            Enumerable.Range(0, inRows.Length).Count(q => !oofRows[best.A, best.B][q] && oofRows[baseA, baseB][q]));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            chosen_by_oof = new { alpha = alphas[best.A], beta = betas[best.B] },
            against_alpha_1 = new { beta = baseA < 0 ? 0 : betas[baseB], only_chosen_right = onlyChosen, only_alpha_1_right = onlyBase },
            oof = Math.Round((double)oofRight[best.A, best.B] / inRows.Length, 4),
            test_right = testRight[best.A, best.B],
            test = Math.Round((double)testRight[best.A, best.B] / testRows.Length, 4),
            test_rows = testRows.Length,
        }));
        return 0;
    }

    private static float[] Floats(string s) => [.. s.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture))];

    /// <summary>(embedding part with bias, n-gram part) of a head's logits.</summary>
    private static (float[] Embedding, float[] Ngrams) Parts(SoftmaxHead head, float[] v, string text)
    {
        var embedding = new float[head.Classes];
        var full = new float[head.Classes];
        head.Logits(v, embedding);
        head.Logits(v, head.Features(text), full);
        for (var c = 0; c < full.Length; c++)
        {
            full[c] -= embedding[c];
        }

        return (embedding, full);
    }

    private static int[,] Count(
        float[] alphas, float[] betas, int candidates, int routes, int n,
        Func<int, ((float[] Embedding, float[] Ngrams) Parts, float[] Vector, NeighbourIndex Index, int Label)> row, bool[,][]? perRow = null)
    {
        var right = new int[alphas.Length, betas.Length];
        for (var a = 0; perRow is not null && a < alphas.Length; a++)
        {
            for (var b = 0; b < betas.Length; b++)
            {
                perRow[a, b] = new bool[n];
            }
        }

        var top = new int[candidates];
        var sims = new float[candidates];
        var logits = new float[routes];
        for (var q = 0; q < n; q++)
        {
            var (parts, v, index, label) = row(q);
            for (var a = 0; a < alphas.Length; a++)
            {
                for (var c = 0; c < routes; c++)
                {
                    logits[c] = parts.Embedding[c] + (alphas[a] * parts.Ngrams[c]);
                }

                SemanticRouterModel.TopRoutes(logits, top);
                for (var c = 0; c < candidates; c++)
                {
                    sims[c] = index.MeanTopSimilarity(v, 1, top[c]);
                }

                for (var b = 0; b < betas.Length; b++)
                {
                    var ok = top[NeighbourVote.Pick(logits, top, sims, betas[b])] == label;
                    right[a, b] += ok ? 1 : 0;
                    if (perRow is not null)
                    {
                        perRow[a, b][q] = ok;
                    }
                }
            }
        }

        return right;
    }
}
