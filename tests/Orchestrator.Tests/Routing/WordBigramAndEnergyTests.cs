using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The head's word-bigram features (<see cref="SemanticRouterOptions.CharNgramWordBigrams"/>) and
/// the energy of the routes' logits, the stacker's sixth feature (docs/benchmarks.md, "Routing:
/// word bigrams and an energy feature").
/// </summary>
public sealed class WordBigramAndEnergyTests
{
    private const int Buckets = 1 << 15;
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    [Fact]
    public void Word_order_counts_only_with_bigrams()
    {
        var bag = CharNgrams.Extract("top up failed", Buckets, wordBigrams: false);
        var shuffledBag = CharNgrams.Extract("failed up top", Buckets, wordBigrams: false);
        var withPairs = CharNgrams.Extract("top up failed", Buckets, wordBigrams: true);
        var shuffledPairs = CharNgrams.Extract("failed up top", Buckets, wordBigrams: true);

        Assert.Equal(bag.Indices, shuffledBag.Indices);
        Assert.NotEqual(withPairs.Indices, shuffledPairs.Indices);

        // Two adjacent pairs, "top up" and "up failed", on top of the words and their n-grams.
        Assert.Equal(bag.Indices.Length + 2, withPairs.Indices.Length);
        Assert.Equal(CharNgrams.Extract("top up failed", Buckets).Indices, bag.Indices);
    }

    [Fact]
    public void A_single_word_has_no_bigram()
    {
        Assert.Equal(CharNgrams.Extract("refund", Buckets, false).Indices, CharNgrams.Extract("refund", Buckets, true).Indices);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?!... --- ###")]
    public void Text_without_words_has_no_bigrams(string? text) => Assert.Equal(0, CharNgrams.Extract(text, Buckets, wordBigrams: true).Count);

    [Fact]
    public void Huge_and_hostile_text_with_bigrams_costs_a_bounded_number_of_finite_features()
    {
        string[] texts =
        [
            new string('a', 1_000_000),
            string.Join(' ', Enumerable.Range(0, 100_000).Select(i => $"w{i}")),
            string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i:D4}abcdefghijklmnopqrstuvwxyz0123456789")),
            "\u0000\u0007 \uD83D\uDE00 \uD800 ÄÖÜß 日本語 \u202E" + new string('\uFFFF', 40),
        ];

        foreach (var text in texts)
        {
            var features = CharNgrams.Extract(text, Buckets, wordBigrams: true);
            Assert.InRange(features.Count, 1, 256 * 101);
            Assert.All(features.Values, v => Assert.True(float.IsFinite(v) && v > 0));
            Assert.All(features.Indices, i => Assert.InRange(i, 0, Buckets - 1));
        }
    }

    [Fact]
    public void Energy_is_the_log_sum_exp_of_the_scaled_logits()
    {
        Assert.Equal(MathF.Log(2), SemanticRouterModel.Energy([0f, 0f], 1f), 5);
        Assert.Equal(2f + MathF.Log(1 + MathF.Exp(-1)), SemanticRouterModel.Energy([4f, 2f], 2f), 5);

        // A masked (held-out) route counts nothing; huge logits stay finite.
        Assert.Equal(3f, SemanticRouterModel.Energy([3f, float.NegativeInfinity], 1f), 5);
        Assert.Equal(1000f + MathF.Log(2), SemanticRouterModel.Energy([1000f, 1000f], 1f), 2);
    }

    [Fact]
    public void Energy_of_nothing_is_zero_and_of_a_NaN_is_NaN()
    {
        Assert.Equal(0f, SemanticRouterModel.Energy([], 1f));
        Assert.Equal(0f, SemanticRouterModel.Energy([float.NegativeInfinity, float.NegativeInfinity], 1f));
        Assert.True(float.IsNaN(SemanticRouterModel.Energy([1f, float.NaN], 1f)));
    }

    [Fact]
    public void The_stacker_learns_from_the_energy_when_nothing_else_separates()
    {
        // Every signal but the energy is the same on both sides: in scope has high energy.
        var evidence = Enumerable.Range(0, 40)
            .Select(i => new RouteEvidence(0, 0.8f, 0.6f, 0.3f, 0.6f, 0.1f, i < 20 ? 8f + (i % 5) : 2f + (i % 5)))
            .ToArray();
        var inScope = Enumerable.Range(0, 40).Select(i => i < 20).ToArray();

        var stacker = InScopeStacker.Fit(evidence, inScope);

        Assert.Equal(InScopeStacker.FeatureCount, stacker.Weights.Length);
        Assert.All(evidence.Take(20), e => Assert.True(stacker.Probability(e) > 0.5f, $"in scope {stacker.Probability(e)}"));
        Assert.All(evidence.Skip(20), e => Assert.True(stacker.Probability(e) < 0.5f, $"out of scope {stacker.Probability(e)}"));
    }

    [Fact]
    public async Task The_cache_file_keeps_whether_the_head_reads_bigrams()
    {
        using var dir = new TempDirectory();
        var set = RouterFixtures.HelpDesk();
        var fitted = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions, dir.Path);
        var cached = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions, dir.Path);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        var model = SemanticRouterModelFile.TryRead(file, Path.GetFileNameWithoutExtension(file)["semantic-router-".Length..]);

        Assert.True(cached.LoadedFromCache);
        Assert.NotNull(model);
        Assert.True(model.Head.WordBigrams);
        foreach (var text in new[] { "my laptop will not turn on", "reset my password please", "what's the capital of France" })
        {
            var a = await fitted.RouteAsync(text);
            var b = await cached.RouteAsync(text);
            Assert.Equal(a.Route, b.Route);
            Assert.Equal(a.Confidence, b.Confidence);
            Assert.Equal(a.OutOfScope, b.OutOfScope);
        }
    }

    [Fact]
    public async Task Turning_bigrams_off_is_a_different_fit_in_the_cache()
    {
        using var dir = new TempDirectory();
        var set = RouterFixtures.HelpDesk();
        await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions, dir.Path);

        var without = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions with { CharNgramWordBigrams = false }, dir.Path);

        Assert.False(without.LoadedFromCache);
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }
}
