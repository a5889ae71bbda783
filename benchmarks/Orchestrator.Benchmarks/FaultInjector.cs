using Orchestrator.Tests.Support;

namespace Orchestrator.Benchmarks;

/// <summary>Seeded fault mix for the fake clouds: 30% of replies fail, spread evenly over six kinds.</summary>
internal sealed class FaultInjector(int seed)
{
    private static readonly string[] Kinds = ["500", "503", "429", "latency_spike", "connection_reset", "malformed_json"];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = Kinds.Append("ok").Append("outage_503").ToDictionary(k => k, _ => 0);

    /// <summary>A reply during a hard outage window: always 503.</summary>
    public FakeOpenAiReply Outage()
    {
        lock (_gate)
        {
            _counts["outage_503"]++;
        }

        return FakeOpenAiReply.Error(503);
    }

    public FakeOpenAiReply Next(string text)
    {
        string kind;
        lock (_gate)
        {
            kind = _random.NextDouble() < 0.30 ? Kinds[_random.Next(Kinds.Length)] : "ok";
            _counts[kind]++;
        }

        return kind switch
        {
            "500" => FakeOpenAiReply.Error(500),
            "503" => FakeOpenAiReply.Error(503),
            "429" => FakeOpenAiReply.RateLimited(1),

            // Longer than the attempt timeout (2 s), so the attempt times out and is retried.
            "latency_spike" => FakeOpenAiReply.WithText(text) with { Delay = TimeSpan.FromSeconds(3), CompletionTokens = 256 },
            "connection_reset" => FakeOpenAiReply.ConnectionReset(),
            "malformed_json" => FakeOpenAiReply.MalformedJson(),
            _ => FakeOpenAiReply.WithText(text) with { CompletionTokens = 256 },
        };
    }

    public Dictionary<string, int> Counts()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_counts);
        }
    }
}
