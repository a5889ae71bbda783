using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Cli;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing.Typos;

/// <summary><c>eval routing --typos</c>: the seeded noise and the clean/noisy, without/with correction report.</summary>
public sealed class TypoEvalTests
{
    [Fact]
    public void The_noise_is_seeded_and_touches_only_lower_case_words_of_four_letters_or_more()
    {
        const string text = "Is order 12345 for Anna at NW-1004 late, or not?";

        var first = TypoInjector.Inject(text, 1, seed: 7, index: 3);
        var again = TypoInjector.Inject(text, 1, seed: 7, index: 3);
        var other = Enumerable.Range(0, 20).Select(i => TypoInjector.Inject(text, 1, seed: 7, index: i)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(text, first);
        Assert.True(other.Distinct().Count() > 5);
        foreach (var noisy in other)
        {
            // Only "order" and "late" qualify; everything else survives every draw.
            Assert.Contains("12345", noisy, StringComparison.Ordinal);
            Assert.Contains("Anna", noisy, StringComparison.Ordinal);
            Assert.Contains("NW-1004", noisy, StringComparison.Ordinal);
            Assert.Contains(", or not?", noisy, StringComparison.Ordinal);
            Assert.InRange(noisy.Length, text.Length - 2, text.Length + 2);
        }

        Assert.Equal(text, TypoInjector.Inject(text, 0, seed: 7, index: 3));
        Assert.Equal("a b c 123", TypoInjector.Inject("a b c 123", 1, seed: 7, index: 3));
        Assert.Equal("", TypoInjector.Inject("", 1, seed: 7, index: 3));
    }

    [Fact]
    public async Task The_report_scores_clean_and_noisy_text_without_and_with_correction()
    {
        using var dir = new TempDirectory();
        var (train, test) = WriteTinyDataset(dir);

        var report = await RoutingEvaluator.RunAsync(new RoutingEvalRequest { TrainPath = train, TestPath = test, TypoRate = 1, TypoSeed = 3 }, SharedEmbedder.Instance);

        Assert.True(report.TypoCorrection);
        var typos = Assert.IsType<TypoEvalReport>(report.Typos);
        Assert.Equal((1.0, 3), (typos.Rate, typos.Seed));
        Assert.Equal(4, typos.UtterancesChanged);
        Assert.Equal(0, typos.Clean.TextsCorrected);
        Assert.Equal(typos.Clean.WithoutCorrection, typos.Clean.WithCorrection);
        Assert.True(typos.Noisy.TextsCorrected > 0);
        Assert.Equal(1.0, typos.Clean.WithoutCorrection.InScopeAccuracy);
        Assert.True(typos.Noisy.WithCorrection.InScopeAccuracy >= typos.Noisy.WithoutCorrection.InScopeAccuracy);
    }

    [Fact]
    public async Task The_cli_prints_the_typos_object_and_rejects_a_bad_rate()
    {
        using var dir = new TempDirectory();
        var (train, test) = WriteTinyDataset(dir);

        var json = await CliRunner.RunAsync(dir.Path, null, "eval", "routing", "--train", train, "--test", test, "--typos", "1", "--typo-seed", "2", "--json");
        var text = await CliRunner.RunAsync(dir.Path, null, "eval", "routing", "--train", train, "--test", test, "--typos", "0.5", "--typo-correction", "off");
        var bad = await CliRunner.RunAsync(dir.Path, null, "eval", "routing", "--train", train, "--test", test, "--typos", "1.5");
        var nan = await CliRunner.RunAsync(dir.Path, null, "eval", "routing", "--train", train, "--test", test, "--typos", "NaN");

        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.True(doc.RootElement.GetProperty("typo_correction").GetBoolean());
        var typos = doc.RootElement.GetProperty("typos");
        Assert.Equal(2, typos.GetProperty("seed").GetInt32());
        Assert.Equal(["without_correction", "with_correction", "texts_corrected"], typos.GetProperty("noisy").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("typos (rate 0.5, seed 1", text.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--typos", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, nan.ExitCode);
    }

    private static (string Train, string Test) WriteTinyDataset(TempDirectory dir)
    {
        var train = dir.Write("train.jsonl", string.Join('\n',
            "{\"text\":\"how many vacation days do I get\",\"label\":\"leave\"}",
            "{\"text\":\"can I carry over holiday\",\"label\":\"leave\"}",
            "{\"text\":\"what is the parental leave policy\",\"label\":\"leave\"}",
            "{\"text\":\"reset my password\",\"label\":\"it\"}",
            "{\"text\":\"my laptop will not start\",\"label\":\"it\"}",
            "{\"text\":\"how do I connect to the vpn\",\"label\":\"it\"}"));
        var test = dir.Write("test.jsonl", string.Join('\n',
            "{\"text\":\"how many vacation days per year\",\"label\":\"leave\"}",
            "{\"text\":\"parental leave policy please\",\"label\":\"leave\"}",
            "{\"text\":\"please reset my password\",\"label\":\"it\"}",
            "{\"text\":\"laptop does not start\",\"label\":\"it\"}"));
        return (train, test);
    }
}
