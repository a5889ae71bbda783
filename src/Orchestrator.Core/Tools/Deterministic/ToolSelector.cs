using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Models.Batching;

namespace Orchestrator.Tools.Deterministic;

/// <summary>A tool and how well the request matches it (cosine similarity, -1..1).</summary>
public sealed record ToolMatch(ToolDescriptor Tool, double Score);

/// <summary>
/// Picks a tool without a generative model: the request is embedded and compared with each tool's
/// name + description and its example requests; a tool scores its best match. Whether the best
/// tool is called is a separate decision (<see cref="ToolFitEvidence"/>): similarity alone cannot
/// tell "same topic" from "this tool answers it", and calling the nearest-but-wrong tool is worse
/// than saying no tool fits. Tool texts are embedded once and cached, keyed by the text itself, so a
/// tool whose description changes (an MCP server's changed list) is ranked by its new text on the next
/// request; the cache holds at most <see cref="MaxToolTextCacheSize"/> texts and starts over beyond, so
/// descriptions that keep changing cannot grow it without bound.
/// </summary>
public sealed partial class ToolSelector(IEmbeddingGenerator<string, Embedding<float>> embedder, ToolSelectionOptions? options = null)
{
    /// <summary>Tool texts (name and description, examples) whose vectors are kept.</summary>
    public const int MaxToolTextCacheSize = 8192;

    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private IReadOnlyList<float[]>? _generic;

    /// <summary>Tool texts whose vectors are kept now; tests check the bound.</summary>
    internal int CachedToolTexts => _cache.Count;

    public ToolSelectionOptions Options { get; } = (options ?? new ToolSelectionOptions()).Validated();

    // After Options, so invalid options fail their own validation first (initialisers run in order).
    private readonly PhraseVectorCache _phrases = new(options?.PhraseCacheSize ?? ToolSelectionOptions.DefaultPhraseCacheSize);

    /// <summary>All candidates ranked best first; <see cref="SelectAsync"/> decides whether the first is called.</summary>
    public async Task<IReadOnlyList<ToolMatch>> RankAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken = default) =>
        (await RankWithQueryAsync(request, tools, cancellationToken).ConfigureAwait(false)).Ranked;

    // The request's vector comes back with the ranking so judging the best tool does not embed it
    // again; it is returned, not kept in a field, because one selector serves concurrent requests.
    private async Task<(IReadOnlyList<ToolMatch> Ranked, float[] Query)> RankWithQueryAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0 || string.IsNullOrWhiteSpace(request))
        {
            return ([], []);
        }

        // This request's vectors are held here, so a concurrent request that starts the cache over cannot take them away.
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var texts = new List<string>();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in tools.SelectMany(t => TextsFor(t)))
        {
            if (!known.ContainsKey(text) && !missing.Contains(text))
            {
                if (_cache.TryGetValue(text, out var cached))
                {
                    known[text] = cached;
                }
                else
                {
                    missing.Add(text);
                    texts.Add(text);
                }
            }
        }

        if (texts.Count > 0)
        {
            var vectors = await embedder.EmbedManyAsync(texts, cancellationToken).ConfigureAwait(false);
            if (_cache.Count + texts.Count > MaxToolTextCacheSize)
            {
                _cache.Clear();
            }

            for (var i = 0; i < texts.Count; i++)
            {
                known[texts[i]] = _cache[texts[i]] = VectorMath.Normalize(vectors[i]);
            }
        }

        var query = VectorMath.Normalize(await embedder.EmbedOneAsync(request, cancellationToken).ConfigureAwait(false));
        var ranked = tools
            .Select(t => new ToolMatch(t, TextsFor(t).Max(text => (double)VectorMath.Dot(query, known[text]))))
            .OrderByDescending(m => m.Score)
            .ToList();
        return (ranked, query);
    }

    /// <summary>
    /// The best-ranked tool when the fit evidence says a call is wanted (probability at or above
    /// <see cref="ToolSelectionOptions.MinFitProbability"/>), else no tool with the evidence seen.
    /// </summary>
    public async Task<ToolSelection> SelectAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken = default)
    {
        var (ranked, query) = await RankWithQueryAsync(request, tools, cancellationToken).ConfigureAwait(false);
        if (ranked.Count == 0)
        {
            return new ToolSelection(null, null, null, 0);
        }

        var best = ranked[0];
        var evidence = await EvidenceAsync(request, query, best, cancellationToken).ConfigureAwait(false);
        var probability = Options.Fit.Probability(evidence);
        return new ToolSelection(probability >= Options.MinFitProbability ? best : null, best, evidence, probability);
    }

    /// <summary>The evidence that <paramref name="match"/> serves <paramref name="request"/>.</summary>
    public async Task<ToolFitEvidence> EvidenceAsync(string request, ToolMatch match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var query = VectorMath.Normalize(await embedder.EmbedOneAsync(request ?? "", cancellationToken).ConfigureAwait(false));
        return await EvidenceAsync(request ?? "", query, match, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ToolFitEvidence> EvidenceAsync(string request, float[] query, ToolMatch match, CancellationToken cancellationToken)
    {
        var generic = await GenericVectorsAsync(cancellationToken).ConfigureAwait(false);
        var requestStems = LexicalOverlap.Stems(request);
        var extracted = ArgumentExtractor.Extract(request, match.Tool);
        var tool = ToolTextFeatures.Of(match.Tool);
        var required = tool.RequiredCount;
        var objectVector = await CachedAsync(tool.ObjectPhrase, cancellationToken).ConfigureAwait(false);
        var windows = await WindowVectorsAsync(request, cancellationToken).ConfigureAwait(false);
        var parameters = new List<double>();
        foreach (var phrase in tool.RequiredParameterPhrases)
        {
            var vector = await CachedAsync(phrase, cancellationToken).ConfigureAwait(false);
            parameters.Add(windows.Count == 0 ? 0 : windows.Max(w => (double)VectorMath.Dot(w, vector)));
        }

        return new ToolFitEvidence(
            match.Score,
            generic.Max(g => (double)VectorMath.Dot(query, g)),
            LexicalOverlap.Coverage(requestStems, tool.ToolStems),
            LexicalOverlap.Coverage(tool.NameStems, requestStems),
            required == 0 ? 0 : (double)(required - extracted.MissingRequired.Count) / required,
            NothingRequired: required == 0,
            ObjectCoverage: LexicalOverlap.Coverage(tool.ObjectStems, requestStems),
            ObjectSimilarity: windows.Count == 0 ? 0 : windows.Max(w => (double)VectorMath.Dot(w, objectVector)),
            ParameterGrounding: Grounding.Parameters(requestStems, match.Tool, extracted),
            WeakestParameterSimilarity: parameters.Count == 0 ? 0 : parameters.Min());
    }

    // Request phrases recur across requests ("what is my", "leave balance"), so they go through a
    // bounded LRU cache; only the phrases it lacks are sent to the model, in one batch.
    private async Task<IReadOnlyList<float[]>> WindowVectorsAsync(string request, CancellationToken cancellationToken)
    {
        var windows = Grounding.Windows(request);
        if (windows.Count == 0)
        {
            return [];
        }

        var result = new float[windows.Count][];
        var missing = new List<int>();
        for (var i = 0; i < windows.Count; i++)
        {
            if (_phrases.TryGet(windows[i], out var cached))
            {
                result[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }

        EmbedderMetrics.RecordCached(windows.Count - missing.Count); // before the first await, so a listener sees this caller
        if (missing.Count > 0)
        {
            var vectors = await embedder.EmbedManyAsync(missing.Select(i => windows[i]).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < missing.Count; k++)
            {
                var vector = VectorMath.Normalize(vectors[k]);
                result[missing[k]] = vector;
                _phrases.Add(windows[missing[k]], vector);
            }
        }

        return result;
    }

    private async Task<float[]> CachedAsync(string text, CancellationToken cancellationToken)
    {
        if (!_cache.TryGetValue(text, out var vector))
        {
            vector = VectorMath.Normalize(await embedder.EmbedOneAsync(text, cancellationToken).ConfigureAwait(false));
            if (_cache.Count >= MaxToolTextCacheSize)
            {
                _cache.Clear();
            }

            _cache[text] = vector;
        }

        return vector;
    }

    private async Task<IReadOnlyList<float[]>> GenericVectorsAsync(CancellationToken cancellationToken)
    {
        if (_generic is null)
        {
            var vectors = await embedder.EmbedManyAsync(GenericRequests.All, cancellationToken).ConfigureAwait(false);
            _generic = vectors.Select(v => VectorMath.Normalize(v)).ToList();
        }

        return _generic;
    }

    /// <summary>"get_leave_balance" reads as "get leave balance"; BFCL's "math.factorial" as "math factorial".</summary>
    public static string Humanize(string name) => Words(name).ToLowerInvariant();

    /// <summary>The name's words as its author wrote them ("block_IPv6_address": "block IPv6 address"), the same words <see cref="Humanize"/> lower-cases.</summary>
    internal static string Words(string name) => Separators().Replace(CamelBoundary().Replace(name, "$1 $2"), " ").Trim();

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

/// <summary>The outcome of selection: <see cref="Chosen"/> is null when no tool should be called.</summary>
public sealed record ToolSelection(ToolMatch? Chosen, ToolMatch? Best, ToolFitEvidence? Evidence, double FitProbability);

public sealed record ToolSelectionOptions
{
    /// <summary>The logistic weights that turn fit evidence into a probability that a call is wanted.</summary>
    public ToolFitWeights Fit { get; init; } = ToolFitWeights.Calibrated;

    /// <summary>Call the best tool at or above this probability. 0.5: the development set was balanced.</summary>
    public double MinFitProbability { get; init; } = 0.5;

    /// <summary>The default <see cref="PhraseCacheSize"/>: about 6 MB of 384-dimension vectors.</summary>
    public const int DefaultPhraseCacheSize = 4096;

    /// <summary>
    /// Request phrases (tool grounding's three-word windows) whose vectors are kept across requests,
    /// least recently used evicted first; 0 embeds every phrase every time. A cached phrase gets the
    /// vector the model gave it, so this changes cost, not decisions.
    /// </summary>
    public int PhraseCacheSize { get; init; } = DefaultPhraseCacheSize;

    private const int MaxPhraseCacheSize = 1_000_000;

    internal ToolSelectionOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Fit);
        if (!(MinFitProbability is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinFitProbability), MinFitProbability, "ToolSelectionOptions.MinFitProbability must be between 0 and 1 (exclusive); 0.5 is the calibrated default.");
        }

        if (PhraseCacheSize is < 0 or > MaxPhraseCacheSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PhraseCacheSize), PhraseCacheSize, $"ToolSelectionOptions.PhraseCacheSize must be between 0 (no cache) and {MaxPhraseCacheSize}; the default is {DefaultPhraseCacheSize}.");
        }

        if (Fit.ToArray().Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException("ToolSelectionOptions.Fit: every weight must be a finite number.", nameof(Fit));
        }

        return this;
    }
}
