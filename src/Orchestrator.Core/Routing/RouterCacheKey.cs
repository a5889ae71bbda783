using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Routing;

/// <summary>
/// The SHA-256 that names a cached fit. Every input that changes the fitted model goes in, each
/// length-prefixed so that no two different inputs can run together into the same bytes.
/// </summary>
internal static class RouterCacheKey
{
    public static string Compute(RouterTrainingSet set, SemanticRouterOptions options, string embedderId)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("semantic-router");
            w.Write(SemanticRouter.FormatVersion);
            w.Write(embedderId);
            w.Write(options.Seed);
            w.Write(options.Folds);
            w.Write(options.L2);
            w.Write(options.LearningRate);
            w.Write(options.BatchSize);
            w.Write(options.Epochs);
            w.Write(options.MinSteps);
            w.Write(options.Neighbours);
            w.Write(options.NeighbourRoutes);
            w.Write((int)options.Evidence);
            w.Write(options.InScopeRejectionRate);
            w.Write(options.HoldOutIntents);
            w.Write(options.CharNgramBuckets);
            w.Write(options.CharNgramLearningRate);
            w.Write(options.CharNgramL2);
            w.Write(options.CharNgramWordBigrams);
            w.Write(options.MaxInScopeRejection);
            w.Write(options.CapParaphraseSimilarity);
            w.Write(options.NeighbourVote);
            w.Write(options.BlendCharNgrams);
            w.Write(set.Routes.Count);
            foreach (var route in set.Routes)
            {
                w.Write(route.Name);
                WriteTexts(w, route.Examples);
            }

            WriteTexts(w, set.NegativeExamples);

            // The background set is an input like any other: a new built-in list refits.
            WriteTexts(w, set.BackgroundExamples);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteTexts(BinaryWriter w, IReadOnlyList<string> texts)
    {
        w.Write(texts.Count);
        foreach (var t in texts)
        {
            w.Write(t ?? string.Empty);
        }
    }
}
