using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>decide --trace FILE</c>: how the top-1 route is chosen, on a recorded fit, without refitting a
/// head. Each variant rescores the head's likeliest routes as logit + beta x (mean similarity of the
/// route's k nearest examples, or cosine to the route's centroid). The setting is chosen by
/// out-of-fold accuracy on the training rows only (fold head logits, neighbours from the other
/// folds); the test rows are scored for every setting, so the choice can be checked, never made, on them.
/// </summary>
internal static class LabDecision
{
    public static int Run(string[] args, LabData data)
    {
        var path = RoutingRunArgs.Value(args, "--trace") ?? throw new ArgumentException("--trace FILE is required");
        var trace = LabTrace.Read(path);
        var vectors = trace.Texts.Select(data.Vector).ToArray();
        var routes = trace.Routes;
        var dims = vectors[0].Length;
        var inRows = LabNeighbours.InScopeRows(trace).ToArray();
        var ks = (RoutingRunArgs.Value(args, "--k") ?? "1,3,5,0").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var betas = (RoutingRunArgs.Value(args, "--betas") ?? "0,0.5,1,2,4,8,16,32").Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var candidates = 5;

        // Out of fold: fold f's rows scored by fold head f's logits against the other folds' examples.
        var foldIndex = LabNeighbours.FoldIndexes(trace, vectors, dims);
        var foldCentroids = new float[trace.Folds][][];
        for (var f = 0; f < trace.Folds; f++)
        {
            foldCentroids[f] = Centroids(vectors, trace.Labels, inRows.Where(i => trace.Fold[i] != f).ToArray(), routes, dims);
        }

        var fullIndex = LabNeighbours.FullIndex(trace, vectors, dims);
        var fullCentroids = Centroids(vectors, trace.Labels, inRows, routes, dims);

        var oofRight = Count(ks, betas, inRows.Length, q =>
        {
            var i = inRows[q];
            var f = trace.Fold[i];
            return (trace.OutOfFoldLogits[i], vectors[i], foldIndex[f], foldCentroids[f], trace.Labels[i]);
        }, routes, candidates);

        var testRows = LabNeighbours.InScopeTestRows(data);
        var routeOf = LabNeighbours.RouteIndexes(data);
        var heads = trace.CorrectedTestLogits[0].Length;
        (float[], float[], NeighbourIndex, float[][], int) TestRow(int q, bool average)
        {
            var t = testRows[q];
            var all = trace.CorrectedTestLogits[t];
            var logits = average ? Mean(all) : all[heads - 1];
            return (logits, data.Vector(data.CorrectedTest[t]), fullIndex, fullCentroids, routeOf.GetValueOrDefault(data.Test[t].Label, -1));
        }

        var finalRight = Count(ks, betas, testRows.Length, q => TestRow(q, false), routes, candidates);
        var meanRight = Count(ks, betas, testRows.Length, q => TestRow(q, true), routes, candidates);
        var best = (K: 0, B: 0);
        for (var a = 0; a < ks.Length; a++)
        {
            for (var b = 0; b < betas.Length; b++)
            {
                if (oofRight[a, b] > oofRight[best.K, best.B])
                {
                    best = (a, b);
                }

                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    k = ks[a] == 0 ? "centroid" : ks[a].ToString(CultureInfo.InvariantCulture),
                    beta = betas[b],
                    oof_accuracy = Math.Round((double)oofRight[a, b] / inRows.Length, 4),
                    test_final_head = Math.Round((double)finalRight[a, b] / testRows.Length, 4),
                    test_mean_heads = Math.Round((double)meanRight[a, b] / testRows.Length, 4),
                }));
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            chosen_by_oof = new { k = ks[best.K], beta = betas[best.B] },
            oof = Math.Round((double)oofRight[best.K, best.B] / inRows.Length, 4),
            test_final_head = Math.Round((double)finalRight[best.K, best.B] / testRows.Length, 4),
            test_mean_heads = Math.Round((double)meanRight[best.K, best.B] / testRows.Length, 4),
        }));
        return 0;
    }

    private static int[,] Count(int[] ks, float[] betas, int n, Func<int, (float[] Logits, float[] Vector, NeighbourIndex Index, float[][] Centroids, int Label)> row, int routes, int candidates)
    {
        var right = new int[ks.Length, betas.Length];
        var top = new int[candidates];
        var sims = new float[candidates];
        for (var q = 0; q < n; q++)
        {
            var (logits, v, index, centroids, label) = row(q);
            SemanticRouterModel.TopRoutes(logits.AsSpan(0, routes), top);
            for (var a = 0; a < ks.Length; a++)
            {
                for (var c = 0; c < candidates; c++)
                {
                    sims[c] = ks[a] == 0 ? TensorPrimitives.Dot(v, centroids[top[c]]) : index.MeanTopSimilarity(v, ks[a], top[c]);
                }

                for (var b = 0; b < betas.Length; b++)
                {
                    var pick = 0;
                    for (var c = 1; c < candidates; c++)
                    {
                        if (logits[top[c]] + (betas[b] * sims[c]) > logits[top[pick]] + (betas[b] * sims[pick]))
                        {
                            pick = c;
                        }
                    }

                    right[a, b] += top[pick] == label ? 1 : 0;
                }
            }
        }

        return right;
    }

    private static float[][] Centroids(float[][] vectors, int[] labels, int[] rows, int routes, int dims)
    {
        var c = Enumerable.Range(0, routes).Select(_ => new float[dims]).ToArray();
        foreach (var i in rows)
        {
            TensorPrimitives.Add(c[labels[i]], vectors[i], c[labels[i]]);
        }

        foreach (var v in c)
        {
            var norm = TensorPrimitives.Norm(v);
            if (norm > 0)
            {
                TensorPrimitives.Divide(v, norm, v);
            }
        }

        return c;
    }

    private static float[] Mean(float[][] logits)
    {
        var mean = new float[logits[0].Length];
        foreach (var l in logits)
        {
            TensorPrimitives.Add(mean, l, mean);
        }

        TensorPrimitives.Divide(mean, logits.Length, mean);
        return mean;
    }
}
