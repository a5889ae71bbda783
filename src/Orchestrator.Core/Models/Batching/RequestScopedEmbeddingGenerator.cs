using Microsoft.Extensions.AI;
using Orchestrator.Diagnostics;

namespace Orchestrator.Models.Batching;

/// <summary>
/// Answers texts already embedded in the current <see cref="EmbeddingScope"/> from its memo and
/// sends only the others to the inner generator. Outside a scope it passes everything through.
/// </summary>
public sealed class RequestScopedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var memo = EmbeddingScope.Current;
        if (memo is null || options is not null)
        {
            EmbedderMetrics.Record(values.TryGetNonEnumeratedCount(out var count) ? count : 0, 0);
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        }

        var texts = values as IReadOnlyList<string> ?? [.. values];
        var missing = Missing(texts, memo);
        EmbedderMetrics.Record(missing.Count, texts.Count - missing.Count); // before the first await, on the caller's stack
        Dictionary<string, Embedding<float>>? fresh = null;
        if (missing.Count > 0)
        {
            // One span per trip to the model, inside the stage that asked: queueing plus the model run.
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.embed");
            span?.SetTag("orchestrator.embed.texts", missing.Count);
            var embedded = await base.GenerateAsync(missing, options: null, cancellationToken).ConfigureAwait(false);
            fresh = new Dictionary<string, Embedding<float>>(missing.Count, StringComparer.Ordinal);
            for (var i = 0; i < missing.Count; i++)
            {
                fresh[missing[i]] = embedded[i];
                if (memo.Count < EmbeddingScope.Capacity)
                {
                    memo.TryAdd(missing[i], embedded[i]);
                }
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var text in texts)
        {
            var key = text ?? string.Empty;
            result.Add(fresh is not null && fresh.TryGetValue(key, out var embedding) ? embedding : memo[key]);
        }

        return result;
    }

    /// <summary>
    /// The texts (null as empty) the memo does not hold, each once, in first-seen order: what
    /// <c>Where(…).Select(…).Distinct().ToList()</c> gave, without its iterators and set for the one
    /// or few texts a stage usually asks for (the router, retrieval and tools call this on every request).
    /// </summary>
    private static List<string> Missing(IReadOnlyList<string> texts, System.Collections.Concurrent.ConcurrentDictionary<string, Embedding<float>> memo)
    {
        var missing = new List<string>();
        var seen = texts.Count > SmallBatch ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < texts.Count; i++)
        {
            var key = texts[i] ?? string.Empty;
            if (memo.ContainsKey(key) || (seen is null ? ContainsOrdinal(missing, key) : !seen.Add(key)))
            {
                continue;
            }

            missing.Add(key);
        }

        return missing;
    }

    /// <summary>Up to this many texts, duplicates are found by comparing with the texts kept so far.</summary>
    private const int SmallBatch = 8;

    private static bool ContainsOrdinal(List<string> texts, string text)
    {
        foreach (var kept in texts)
        {
            if (string.Equals(kept, text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
