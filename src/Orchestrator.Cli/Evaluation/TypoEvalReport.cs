using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>typos</c> object of <c>eval routing --typos</c>: the same fitted router on clean and on seeded noisy test text.</summary>
public sealed record TypoEvalReport
{
    /// <summary>Share of test utterances that were given typos.</summary>
    [JsonPropertyName("rate")]
    public required double Rate { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    /// <summary>Test utterances the noise actually changed (some have no word of four letters).</summary>
    [JsonPropertyName("utterances_changed")]
    public required int UtterancesChanged { get; init; }

    [JsonPropertyName("clean")]
    public required TypoConditionReport Clean { get; init; }

    [JsonPropertyName("noisy")]
    public required TypoConditionReport Noisy { get; init; }
}
