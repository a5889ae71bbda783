using System.Diagnostics;
using System.Text;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>trace --trace FILE [--held-out-routes on]</c>: fits the router once (<see cref="SemanticRouterFitter"/>,
/// as <c>fit</c> does) and records what the calibration and any head ensemble need, so that
/// <c>calib</c> can try calibration variants in seconds instead of refitting: the kept training
/// rows, their folds and out-of-fold logits, the held-out-route evidence when asked, and every
/// test row's logits from each fold head and the final head, for its corrected and its raw text.
/// </summary>
internal static class LabTrace
{
    private static readonly byte[] Magic = "RLT3"u8.ToArray();

    public static int Record(string[] args, LabData data, SemanticRouterOptions options)
    {
        var path = RoutingRunArgs.Value(args, "--trace") ?? throw new ArgumentException("--trace FILE is required");
        var (routes, vectors, labels, isBackground, texts) = LabExperiments.Rows(data);
        var ngrams = texts.Select((t, i) => isBackground[i] ? SparseFeatures.Empty : CharNgrams.Extract(t, options.CharNgramBuckets, options.CharNgramWordBigrams)).ToArray();
        var keep = BackgroundFilter.Keep(vectors, labels, isBackground, routes.Length);
        var keptTexts = texts.Where((_, i) => keep[i]).ToArray();
        FoldedTrainingSet? folded = null;
        SoftmaxHead[] foldHeads = [];
        var clock = Stopwatch.StartNew();
        // The final head is recorded as trained (no n-gram reweighting), as the fold heads are, so
        // `calib` and `blend` can split every head's logits into its embedding and n-gram parts.
        var model = SemanticRouterFitter.Fit(
            routes, vectors, labels, isBackground, ngrams, options with { HoldOutIntents = false, BlendCharNgrams = false }, (s, h) => (folded, foldHeads) = (s, h), null, CancellationToken.None);
        Console.Error.WriteLine($"fitted in {clock.Elapsed.TotalSeconds:F0} s");
        IReadOnlyList<RouteEvidence> heldOut = [];
        if (RoutingRunArgs.Value(args, "--held-out-routes") == "on" && folded!.HasGivenNegatives)
        {
            // Scored as the shipped fit scores them: with its temperature and n-gram weight.
            var shipped = SemanticRouterCalibrator.Calibrate(folded, options with { HoldOutIntents = false }, CalibrationVariant.Shipped, [], null, CancellationToken.None);
            heldOut = HeldOutIntents.Evidence(
                folded.Vectors, folded.Ngrams, folded.Labels, folded.IsBackground, folded.Fold, folded.Routes, folded.Classes,
                Math.Min(folded.Folds, folded.Routes), shipped.Temperature, shipped.NgramWeight, options, null, CancellationToken.None);
            Console.Error.WriteLine($"held-out routes in {clock.Elapsed.TotalSeconds:F0} s");
        }

        var heads = foldHeads.Append(model.Head).ToArray();
        using var w = new BinaryWriter(File.Create(path));
        w.Write(Magic);
        w.Write(routes.Length);
        w.Write(folded!.Classes);
        w.Write(folded.Folds);
        w.Write(folded.HasGivenNegatives);
        w.Write(keptTexts.Length);
        for (var i = 0; i < keptTexts.Length; i++)
        {
            WriteString(w, keptTexts[i]);
            w.Write(folded.Labels[i]);
            w.Write(folded.IsBackground[i]);
            w.Write(folded.Fold[i]);
            WriteFloats(w, folded.OutOfFoldLogits[i] ?? new float[folded.Classes]);
        }

        w.Write(heldOut.Count);
        foreach (var e in heldOut)
        {
            w.Write(e.Route);
            WriteFloats(w, [e.Confidence, e.Similarity, e.NegativeSimilarity, e.RouteSimilarity, e.OutOfScopeProbability, e.Energy]);
        }

        w.Write(heads.Length);
        w.Write(data.Test.Count);
        var logits = new float[folded.Classes];
        for (var t = 0; t < data.Test.Count; t++)
        {
            foreach (var text in new[] { data.CorrectedTest[t], data.Test[t].Text })
            {
                foreach (var head in heads)
                {
                    head.Logits(data.Vector(text), head.Features(text), logits);
                    WriteFloats(w, logits);
                }
            }
        }

        foreach (var head in heads)
        {
            w.Write(head.Classes);
            w.Write(head.Dimensions);
            w.Write(head.NgramBuckets);
            w.Write(head.WordBigrams);
            WriteFloats(w, head.Weights);
            WriteFloats(w, head.Bias);
            WriteFloats(w, head.NgramWeights);
        }

        Console.Error.WriteLine($"trace written: {path}");
        return 0;
    }

    public static LabTraceData Read(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a router-lab trace");
        }

        var routes = r.ReadInt32();
        var classes = r.ReadInt32();
        var folds = r.ReadInt32();
        var given = r.ReadBoolean();
        var n = r.ReadInt32();
        var texts = new string[n];
        var labels = new int[n];
        var background = new bool[n];
        var fold = new int[n];
        var oof = new float[n][];
        for (var i = 0; i < n; i++)
        {
            texts[i] = Encoding.UTF8.GetString(r.ReadBytes(r.ReadInt32()));
            labels[i] = r.ReadInt32();
            background[i] = r.ReadBoolean();
            fold[i] = r.ReadInt32();
            oof[i] = ReadFloats(r, classes);
        }

        var heldOut = new RouteEvidence[r.ReadInt32()];
        for (var k = 0; k < heldOut.Length; k++)
        {
            var route = r.ReadInt32();
            var f = ReadFloats(r, 6);
            heldOut[k] = new RouteEvidence(route, f[0], f[1], f[2], f[3], f[4], f[5]);
        }

        var heads = r.ReadInt32();
        var tests = r.ReadInt32();
        var corrected = new float[tests][][];
        var raw = new float[tests][][];
        for (var t = 0; t < tests; t++)
        {
            corrected[t] = [.. Enumerable.Range(0, heads).Select(_ => ReadFloats(r, classes))];
            raw[t] = [.. Enumerable.Range(0, heads).Select(_ => ReadFloats(r, classes))];
        }

        var models = new SoftmaxHead[heads];
        for (var h = 0; h < heads; h++)
        {
            var (c, d, buckets, bigrams) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean());
            models[h] = new SoftmaxHead(c, d, ReadFloats(r, c * d), ReadFloats(r, c), buckets, ReadFloats(r, buckets * c), bigrams);
        }

        return new LabTraceData(routes, classes, folds, given, texts, labels, background, fold, oof, heldOut, corrected, raw) { Heads = models };
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static void WriteFloats(BinaryWriter w, float[] values) => w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var values = new float[count];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
