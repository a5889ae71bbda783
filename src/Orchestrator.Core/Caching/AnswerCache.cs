using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Caching;

/// <summary>
/// Answers repeated questions without running the specialist and guardian again. What it stores is
/// deliberately narrow, because a false hit shows one user the answer to another question:
/// retrieval answers only (the same for every user of a tenant: they come from a shared collection),
/// only when the guardian passed and nothing escalated, only for requests without history (a
/// follow-up depends on its conversation), never tool or generation answers (side effects,
/// personal data, sampling). Every entry is scoped by tenant, agent, the collection's current
/// contents and the configuration, so a re-ingest or a config change retires old answers.
/// </summary>
internal sealed class AnswerCache
{
    private readonly CacheConfig _config;
    private readonly OrchestratorConfig _orchestrator;
    private readonly IAnswerCacheStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly CollectionVersions _collections;
    private readonly string _configVersion;
    private readonly TimeProvider _time;

    public AnswerCache(OrchestratorConfig config, IAnswerCacheStore store, IVectorStore vectors, IEmbeddingGenerator<string, Embedding<float>> embedder, TimeProvider time)
    {
        _orchestrator = config;
        _config = config.Cache;
        _store = store;
        _embedder = embedder;
        _configVersion = ConfigVersion(config);
        _time = time;
        _collections = new CollectionVersions(vectors, TimeSpan.FromSeconds(_config.RevalidateSeconds), time);
    }

    public static CacheInfo Miss { get; } = new() { Hit = false };

    /// <summary>A stored answer to exactly this text (same tenant, same forced agent), still valid for its collection. No embedding needed.</summary>
    public async Task<OrchestratorResponse?> FindExactAsync(OrchestratorRequest request, string text, CancellationToken cancellationToken)
    {
        if (!Eligible(request))
        {
            return null;
        }

        var entry = await _store.GetExactAsync(ExactKey(request, text), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.Scope != await ScopeAsync(request, entry.Response.Route.Agent, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var key = EchoKey(request, text);
        return entry.Response with
        {
            Route = entry.Response.Route with { CorrectedText = CacheEcho.Open(entry.Response.Route.CorrectedText, key) },
            RetrievalQuery = CacheEcho.Open(entry.Response.RetrievalQuery, key),
            Cache = new CacheInfo { Hit = true, Match = "exact", Similarity = 1.0 },
        };
    }

    /// <summary>A stored answer of the routed agent to a question whose vector is at least the configured similarity.</summary>
    public async Task<(OrchestratorResponse Response, double Similarity)?> FindSimilarAsync(OrchestratorRequest request, string text, AgentDefinition agent, CancellationToken cancellationToken)
    {
        if (!Eligible(request) || !Cacheable(agent) || _config.Similarity > 1)
        {
            return null;
        }

        var scope = await ScopeAsync(request, agent.Name, cancellationToken).ConfigureAwait(false);
        var vector = await _embedder.EmbedOneAsync(text, cancellationToken).ConfigureAwait(false); // the router's, from the request's memo
        var found = await _store.FindSimilarAsync(scope, vector, _config.Similarity, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (found is not { } hit)
        {
            return null;
        }

        var similarity = Math.Round(Math.Min(1.0, hit.Similarity), 4);
        return (hit.Entry.Response with { Cache = new CacheInfo { Hit = true, Match = "similar", Similarity = similarity } }, similarity);
    }

    /// <summary>Stores the answer when it is safe to repeat (see the class summary).</summary>
    public async Task StoreAsync(OrchestratorRequest request, string text, AgentDefinition? agent, OrchestratorResponse response, CancellationToken cancellationToken)
    {
        if (!Eligible(request) || agent is null || !Cacheable(agent) || response.Escalation.Needed || !response.Guardian.Passed
            || response.Route.OutOfScope || response.ToolCalls.Count > 0 || response.Answer.Length == 0)
        {
            return;
        }

        var scope = await ScopeAsync(request, agent.Name, cancellationToken).ConfigureAwait(false);
        var vector = await _embedder.EmbedOneAsync(text, cancellationToken).ConfigureAwait(false);
        var key = EchoKey(request, text);
        var stored = response with
        {
            Route = response.Route with { CorrectedText = CacheEcho.Seal(response.Route.CorrectedText, key) },
            RetrievalQuery = CacheEcho.Seal(response.RetrievalQuery, key),
            Cache = null,
        };
        await _store.SetAsync(new CachedAnswer(ExactKey(request, text), scope, vector, stored, _time.GetUtcNow().AddSeconds(_config.TtlSeconds)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forget collection fingerprints after an ingest in this process.</summary>
    public void CollectionsChanged() => _collections.Invalidate();

    /// <summary>Only extractive retrieval agents: a model-written answer is sampled, a tool answer may act or be personal.</summary>
    private static bool Cacheable(AgentDefinition agent) => agent.Kind == AgentKind.Retrieval && agent.Model is null && agent.Knowledge is not null;

    private static bool Eligible(OrchestratorRequest request) => request.History.Count == 0 && !request.EscalationRequested;

    private string ExactKey(OrchestratorRequest request, string text) =>
        Hash($"{_configVersion}\u001f{request.ResolvedTenant}\u001f{request.Agent?.ToLowerInvariant()}\u001f{Normalize(text)}");

    /// <summary>The key that seals the asker's words (<see cref="CacheEcho"/>): derived from the question, never stored.</summary>
    private byte[] EchoKey(OrchestratorRequest request, string text) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"answer-cache-echo\u001f{_configVersion}\u001f{request.ResolvedTenant}\u001f{request.Agent?.ToLowerInvariant()}\u001f{Normalize(text)}"));

    private async ValueTask<string> ScopeAsync(OrchestratorRequest request, string? agentName, CancellationToken cancellationToken)
    {
        var agent = agentName is null ? null : _orchestrator.FindAgent(agentName);
        if (agent?.Knowledge is not { } collection)
        {
            return "none";
        }

        var version = await _collections.CurrentAsync(collection, cancellationToken).ConfigureAwait(false);
        return Hash($"{_configVersion}\u001f{request.ResolvedTenant}\u001f{agent.Name}\u001f{collection}\u001f{version}");
    }

    /// <summary>Whitespace and case do not change a question; punctuation inside it might, so it stays.</summary>
    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant().TrimEnd('?', '.', '!', ' ');

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A fingerprint of orchestrator.yaml and every agent file, so a shared store never serves answers of another configuration.</summary>
    public static string ConfigVersion(OrchestratorConfig config)
    {
        var files = new[] { config.ConfigFile }.Concat(config.Agents.Select(a => a.SourceFile)).Where(File.Exists).Order(StringComparer.Ordinal);
        var text = string.Join('\n', files.Select(f => f + "\n" + File.ReadAllText(f)));
        return Hash(text)[..16];
    }
}
