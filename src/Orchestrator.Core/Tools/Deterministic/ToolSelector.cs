using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Tools.Deterministic;

/// <summary>A tool and how well the request matches it (cosine similarity, -1..1).</summary>
public sealed record ToolMatch(ToolDescriptor Tool, double Score);

/// <summary>
/// Picks a tool without a generative model: the request is embedded and compared with each tool's
/// name + description and its example requests; a tool scores its best match. Below
/// <see cref="ToolSelectionOptions.MinSimilarity"/> nothing is chosen, because calling the
/// nearest-but-wrong tool is worse than saying no tool fits. Tool texts are embedded once and cached.
/// </summary>
public sealed partial class ToolSelector(IEmbeddingGenerator<string, Embedding<float>> embedder, ToolSelectionOptions? options = null)
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public ToolSelectionOptions Options { get; } = options ?? new ToolSelectionOptions();

    /// <summary>All candidates ranked best first; the caller decides against <see cref="ToolSelectionOptions.MinSimilarity"/>.</summary>
    public async Task<IReadOnlyList<ToolMatch>> RankAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0 || string.IsNullOrWhiteSpace(request))
        {
            return [];
        }

        var texts = tools.SelectMany(t => TextsFor(t)).Distinct(StringComparer.Ordinal).Where(t => !_cache.ContainsKey(t)).ToList();
        if (texts.Count > 0)
        {
            var vectors = await embedder.EmbedManyAsync(texts, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < texts.Count; i++)
            {
                _cache[texts[i]] = VectorMath.Normalize(vectors[i]);
            }
        }

        var query = VectorMath.Normalize(await embedder.EmbedOneAsync(request, cancellationToken).ConfigureAwait(false));
        return tools
            .Select(t => new ToolMatch(t, TextsFor(t).Max(text => (double)VectorMath.Dot(query, _cache[text]))))
            .OrderByDescending(m => m.Score)
            .ToList();
    }

    /// <summary>The best tool at or above the minimum similarity, or null with the best score seen.</summary>
    public async Task<(ToolMatch? Match, double BestScore)> SelectAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken = default)
    {
        var ranked = await RankAsync(request, tools, cancellationToken).ConfigureAwait(false);
        if (ranked.Count == 0)
        {
            return (null, double.NaN);
        }

        var best = ranked[0];
        return best.Score >= Options.MinSimilarity ? (best, best.Score) : (null, best.Score);
    }

    /// <summary>"get_leave_balance" reads as "get leave balance"; BFCL's "math.factorial" as "math factorial".</summary>
    public static string Humanize(string name) => Separators().Replace(CamelBoundary().Replace(name, "$1 $2"), " ").Trim().ToLowerInvariant();

    private static IEnumerable<string> TextsFor(ToolDescriptor tool)
    {
        yield return $"{Humanize(tool.Name)}: {tool.Description}";
        foreach (var example in tool.Examples)
        {
            yield return example;
        }
    }

    [GeneratedRegex("[_.\\-/]+")]
    private static partial Regex Separators();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();
}

public sealed record ToolSelectionOptions
{
    /// <summary>
    /// Minimum cosine similarity (MiniLM) between the request and a tool's texts. Unrelated
    /// sentences score about 0 to 0.25 with MiniLM and paraphrases 0.5 and above; 0.35 sits between.
    /// </summary>
    public double MinSimilarity { get; init; } = 0.35;
}
