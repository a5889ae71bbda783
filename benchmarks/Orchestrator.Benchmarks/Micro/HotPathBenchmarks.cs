using System.Text;
using BenchmarkDotNet.Attributes;
using Orchestrator.AspNetCore;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Guardian.Pii;
using Orchestrator.Hosting;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// The request's hot paths on the sample configuration: <c>dotnet Orchestrator.Benchmarks.dll micro --filter '*'</c>.
/// Route decision and groundedness include their MiniLM embedding (one sentence each), because
/// that is what a request pays; hybrid search gets a ready query vector.
/// </summary>
[Config(typeof(MicroConfig))]
public class HotPathBenchmarks
{
    private const string Question = "How many days of annual leave does a full-time employee get each year?";
    private OrchestratorRuntime _runtime = null!;
    private float[] _vector = null!;
    private GroundednessCheck _groundedness = null!;
    private GuardianCheckContext _grounded = null!;
    private GroundednessCheck _uncachedGroundedness = null!;
    private GuardianCheckContext _paraphrase = null!;
    private GuardianCheckContext _paraphraseUnstored = null!;
    private PiiDetector _pii = null!;
    private string _piiText = null!;
    private byte[] _body = null!;
    private string _collection = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkPaths.Root();
        var config = ConfigLoader.Load(Path.Combine(root, "samples", "enterprise-assistant", "orchestrator.yaml"), BuiltInTools.ValidationContext()).Config!;
        _runtime = OrchestratorRuntime.StartAsync(config, new RuntimeOptions { Tools = BuiltInTools.For(config) }).GetAwaiter().GetResult();
        _collection = config.FindAgent("hr-policy")!.Knowledge!;
        _vector = _runtime.Embedder.EmbedOneAsync(Question).GetAwaiter().GetResult();
        var response = _runtime.Pipeline.AskAsync(new OrchestratorRequest(Question)).GetAwaiter().GetResult();
        var hits = _runtime.Store.SearchAsync(_collection, new HybridQuery { Text = Question, Vector = _vector }).GetAwaiter().GetResult();
        _groundedness = new GroundednessCheck(_runtime.Embedder);
        _grounded = new GuardianCheckContext(Question, response.Answer, [.. hits.Select(h => h.Passage)]);
        _uncachedGroundedness = new GroundednessCheck(_runtime.Embedder, new GroundednessOptions { VectorCacheSize = 0 });
        _paraphrase = new GuardianCheckContext(Question, GroundednessRun.Paraphrase(hits[0].Passage.Text) ?? response.Answer, [.. hits.Select(h => h.Passage)]);
        _paraphraseUnstored = _paraphrase with { Evidence = [.. hits.Select(h => h.Passage with { SentenceVectors = null })] };
        _pii = new PiiDetector();
        _piiText = string.Concat(Enumerable.Repeat("Contact Maria at maria.jensen@example.com or +44 7700 900123; card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32. ", 4))
            + string.Join(' ', hits.Select(h => h.Passage.Text));
        _body = Encoding.UTF8.GetBytes($$"""{"model":"orchestrator","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"{{Question}}"}],"temperature":0.2,"user":"u-1"}""");
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<RouteDecision> RouteDecision() => _runtime.Router.RouteAsync(Question);

    [Benchmark]
    public Task<IReadOnlyList<SearchHit>> HybridSearch() => _runtime.Store.SearchAsync(_collection, new HybridQuery { Text = Question, Vector = _vector });

    [Benchmark]
    public Task<GuardianCheckResult> Groundedness() => _groundedness.CheckAsync(_grounded);

    /// <summary>A non-verbatim sentence against passages carrying the sentence vectors stored at ingest: embeds the sentence only.</summary>
    [Benchmark]
    public Task<GuardianCheckResult> GroundednessParaphraseStored() => _uncachedGroundedness.CheckAsync(_paraphrase);

    /// <summary>The same without stored vectors and without the in-memory cache: embeds the passages' units on every call.</summary>
    [Benchmark]
    public Task<GuardianCheckResult> GroundednessParaphraseUnstored() => _uncachedGroundedness.CheckAsync(_paraphraseUnstored);

    [Benchmark]
    public int PiiScan() => _pii.Detect(_piiText).Count;

    [Benchmark]
    public object RequestParsing() => ChatRequestParser.Parse(_body, _runtime.Config, _runtime.Config.Server);
}
