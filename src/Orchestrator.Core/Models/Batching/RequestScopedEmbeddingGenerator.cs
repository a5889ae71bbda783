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
        var missing = texts.Where(t => !memo.ContainsKey(t ?? string.Empty)).Select(t => t ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        var fresh = new Dictionary<string, Embedding<float>>(StringComparer.Ordinal);
        EmbedderMetrics.Record(missing.Count, texts.Count - missing.Count); // before the first await, on the caller's stack
        if (missing.Count > 0)
        {
            // One span per trip to the model, inside the stage that asked: queueing plus the model run.
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.embed");
            span?.SetTag("orchestrator.embed.texts", missing.Count);
            var embedded = await base.GenerateAsync(missing, options: null, cancellationToken).ConfigureAwait(false);
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
            result.Add(fresh.TryGetValue(key, out var embedding) ? embedding : memo[key]);
        }

        return result;
    }
}
