using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// Tool selection keeps request-phrase vectors across requests: later requests that share phrases
/// send fewer texts to the model, and every decision and every piece of evidence is the same as
/// without the cache.
/// </summary>
public sealed class ToolSelectorPhraseCacheTests
{
    private static readonly ToolDescriptor LeaveBalance = Tool("get_leave_balance", "Look up how many days of annual leave an employee has left.",
        """{"type":"object","properties":{"employee_id":{"type":"string","description":"The employee's id, e.g. E1234."}},"required":["employee_id"]}""");

    private static readonly ToolDescriptor Weather = Tool("get_current_weather", "Get the current weather forecast for a city.",
        """{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Paris"}},"required":["city"]}""");

    private static readonly ToolDescriptor[] Tools = [LeaveBalance, Weather];

    private static readonly string[] Requests =
    [
        "What is my leave balance for employee E1234?",
        "What is my leave balance for employee E9876?",
        "What's the weather like in Paris right now?",
        "What's the weather like in Oslo right now?",
        "Tell me a joke about penguins.",
    ];

    [Fact]
    public async Task A_request_sharing_phrases_with_an_earlier_one_embeds_only_the_new_phrases()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var selector = new ToolSelector(counting);
        await selector.SelectAsync(Requests[0], Tools); // tool texts, generic requests, the query, its phrases
        var before = counting.TextsEmbedded;

        await selector.SelectAsync(Requests[1], Tools);

        // Only the query and the phrases with the new id: "balance for employee" and the rest were seen.
        var newPhrases = Grounding.Windows(Requests[1]).Except(Grounding.Windows(Requests[0]), StringComparer.Ordinal).Count();
        Assert.Equal(1 + newPhrases, counting.TextsEmbedded - before);
    }

    [Fact]
    public async Task A_repeated_request_embeds_only_its_query()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var selector = new ToolSelector(counting);
        await selector.SelectAsync(Requests[2], Tools);
        var before = counting.TextsEmbedded;

        await selector.SelectAsync(Requests[2], Tools);

        Assert.Equal(1, counting.TextsEmbedded - before);
    }

    [Fact]
    public async Task Cache_hits_are_counted_on_the_embedder_texts_counter_as_source_cache()
    {
        var selector = new ToolSelector(SharedEmbedder.Instance);
        await selector.SelectAsync(Requests[0], Tools);
        long cached = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Orchestrator.Embedder" && instrument.Name == "orchestrator.embedder.texts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source" && (string?)tag.Value == "cache")
                {
                    Interlocked.Add(ref cached, value);
                }
            }
        });
        listener.Start();

        await selector.SelectAsync(Requests[0], Tools);

        // At least this request's phrases (other tests may run tool selection at the same time).
        Assert.True(Interlocked.Read(ref cached) >= Grounding.Windows(Requests[0]).Count, $"cache texts counted: {cached}");
    }

    [Fact]
    public async Task Evidence_is_the_same_with_and_without_the_cache_sequentially_and_under_concurrency()
    {
        var uncached = new ToolSelector(SharedEmbedder.Instance, new ToolSelectionOptions { PhraseCacheSize = 0 });
        var expected = new List<ToolSelection>();
        foreach (var request in Requests)
        {
            expected.Add(await uncached.SelectAsync(request, Tools));
        }

        var cached = new ToolSelector(SharedEmbedder.Instance, new ToolSelectionOptions { PhraseCacheSize = 8 }); // small: evictions happen
        var runs = await Task.WhenAll(Enumerable.Range(0, 4 * Requests.Length).Select(i => Task.Run(() => cached.SelectAsync(Requests[i % Requests.Length], Tools))));

        for (var i = 0; i < runs.Length; i++)
        {
            AssertSameSelection(expected[i % Requests.Length], runs[i]);
        }
    }

    [Fact]
    public async Task A_cancelled_phrase_embedding_leaves_nothing_in_the_cache()
    {
        var flaky = new FailingPhraseEmbedder(SharedEmbedder.Instance, new OperationCanceledException());
        var selector = new ToolSelector(flaky);
        await selector.SelectAsync(Requests[2], Tools); // warms tool texts and generic requests
        var request = Requests[3];

        var newPhrases = Grounding.Windows(request).Except(Grounding.Windows(Requests[2]), StringComparer.Ordinal).Count();
        Assert.True(newPhrases > 1, "the failing call must be the phrases', not the query's");
        flaky.FailNextBatchOf = newPhrases;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => selector.SelectAsync(request, Tools));

        var counting = flaky.Counter;
        var before = counting.TextsEmbedded;
        var retried = await selector.SelectAsync(request, Tools);
        Assert.Equal(1 + newPhrases, counting.TextsEmbedded - before); // the phrases are embedded again, not served half-made
        AssertSameSelection(await new ToolSelector(SharedEmbedder.Instance, new ToolSelectionOptions { PhraseCacheSize = 0 }).SelectAsync(request, Tools), retried);
    }

    [Fact]
    public async Task A_failed_phrase_embedding_leaves_nothing_in_the_cache()
    {
        var flaky = new FailingPhraseEmbedder(SharedEmbedder.Instance, new InvalidOperationException("model crashed"));
        var selector = new ToolSelector(flaky);
        await selector.SelectAsync(Requests[2], Tools);
        var request = Requests[3];

        flaky.FailNextBatchOf = Grounding.Windows(request).Except(Grounding.Windows(Requests[2]), StringComparer.Ordinal).Count();
        Assert.True(flaky.FailNextBatchOf > 1, "the failing call must be the phrases', not the query's");
        await Assert.ThrowsAsync<InvalidOperationException>(() => selector.SelectAsync(request, Tools));

        var retried = await selector.SelectAsync(request, Tools);
        AssertSameSelection(await new ToolSelector(SharedEmbedder.Instance, new ToolSelectionOptions { PhraseCacheSize = 0 }).SelectAsync(request, Tools), retried);
    }

    [Fact]
    public async Task A_request_of_huge_words_is_answered_and_its_phrases_are_not_kept()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var selector = new ToolSelector(counting);
        var huge = string.Join(' ', Enumerable.Range(0, 6).Select(i => new string((char)('a' + i), 5_000)));
        await selector.SelectAsync(huge, Tools);
        var before = counting.TextsEmbedded;

        var selection = await selector.SelectAsync(huge, Tools);

        Assert.NotNull(selection.Best);
        Assert.Equal(1 + Grounding.Windows(huge).Count, counting.TextsEmbedded - before);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Out_of_range_cache_sizes_are_refused_with_the_option_name(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ToolSelector(SharedEmbedder.Instance, new ToolSelectionOptions { PhraseCacheSize = size }));
        Assert.Contains("PhraseCacheSize", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameSelection(ToolSelection expected, ToolSelection actual)
    {
        Assert.Equal(expected.Chosen?.Tool.Name, actual.Chosen?.Tool.Name);
        Assert.Equal(expected.Best?.Tool.Name, actual.Best?.Tool.Name);
        Assert.Equal(expected.FitProbability, actual.FitProbability, 6);
        Assert.Equal(expected.Evidence!.ObjectSimilarity, actual.Evidence!.ObjectSimilarity, 6);
        Assert.Equal(expected.Evidence.WeakestParameterSimilarity, actual.Evidence.WeakestParameterSimilarity, 6);
    }

    private static ToolDescriptor Tool(string name, string description, string schema) =>
        new() { Name = name, Description = description, ParametersSchema = JsonDocument.Parse(schema).RootElement.Clone() };

    /// <summary>Counts texts, and fails the next call of exactly <see cref="FailNextBatchOf"/> texts (the request's new phrases) once.</summary>
    private sealed class FailingPhraseEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, Exception failure)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(new CountingEmbeddingGenerator(inner))
    {
        public int FailNextBatchOf { get; set; } = -1;

        public CountingEmbeddingGenerator Counter => (CountingEmbeddingGenerator)InnerGenerator;

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            if (list.Count == FailNextBatchOf && list.Count > 1)
            {
                FailNextBatchOf = -1;
                return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(failure);
            }

            return base.GenerateAsync(list, options, cancellationToken);
        }
    }
}
