using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>explain [--contains WORDS]</c>: fits the router on the lab's training rows (the router's own
/// fitter, cached vectors) and prints, for each test row (or those whose text contains WORDS), why
/// it went where it went: the best routes' probabilities, each logit split into the embedding's
/// part and the n-gram part, how much each word's n-grams move the two best routes apart, and the
/// nearest examples of those routes. Meant for small training sets such as a sample's agents.
/// </summary>
internal static class LabExplain
{
    public static int Run(string[] args, LabData data, SemanticRouterOptions options)
    {
        var (routes, vectors, labels, isBackground, texts) = LabExperiments.Rows(data);
        var ngrams = texts.Select((t, i) => isBackground[i] ? SparseFeatures.Empty : CharNgrams.Extract(t, options.CharNgramBuckets, options.CharNgramWordBigrams)).ToArray();
        var model = SemanticRouterFitter.Fit(routes, vectors, labels, isBackground, ngrams, options, null, CancellationToken.None);
        var contains = RoutingRunArgs.Value(args, "--contains");
        var head = model.Head;
        var classes = head.Classes;
        foreach (var row in data.Test)
        {
            if (contains is not null && !row.Text.Contains(contains, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var vector = data.Vector(row.Text);
            var probs = new float[classes];
            var evidence = model.Evaluate(vector, row.Text, probs);
            var dense = new float[classes];
            head.Logits(vector, dense);
            var full = new float[classes];
            head.Logits(vector, head.Features(row.Text), full);
            var top = new int[Math.Min(3, routes.Length)];
            SemanticRouterModel.TopRoutes(probs.AsSpan(0, routes.Length), top);
            var (a, b) = (top[0], top.Length > 1 ? top[1] : top[0]);

            // A word's pull: how much the gap between the two best routes' n-gram logits shrinks when the word is left out.
            var words = row.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pulls = new List<object>();
            for (var w = 0; w < words.Length; w++)
            {
                var without = string.Join(' ', words.Where((_, k) => k != w));
                var logits = new float[classes];
                head.Logits(vector, head.Features(without), logits);
                var gap = (full[a] - full[b]) - (logits[a] - logits[b]);
                pulls.Add(new { word = words[w], toward_best = Math.Round(gap, 3) });
            }

            object Route(int r) => new
            {
                route = routes[r],
                probability = Math.Round(probs[r], 3),
                logit = Math.Round(full[r], 3),
                embedding_part = Math.Round(dense[r], 3),
                ngram_part = Math.Round(full[r] - dense[r], 3),
                nearest = Enumerable.Range(0, texts.Length).Where(i => labels[i] == r)
                    .Select(i => (Text: texts[i], Cos: TensorPrimitives.Dot(vectors[i], vector)))
                    .OrderByDescending(x => x.Cos).Take(3).Select(x => $"{x.Cos.ToString("F3", CultureInfo.InvariantCulture)} {x.Text}").ToArray(),
            };

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                text = row.Text,
                expected = row.Label,
                routed = routes[evidence.Route],
                rejected = model.Score(evidence) < model.Threshold,
                score = Math.Round(model.Score(evidence), 3),
                threshold = Math.Round(model.Threshold, 3),
                best = top.Select(Route).ToArray(),
                word_pulls = pulls,
            }));
        }

        return 0;
    }
}
