using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>One test text condition (clean or noisy), routed without and with spelling correction.</summary>
public sealed record TypoConditionReport
{
    [JsonPropertyName("without_correction")]
    public required TypoScore WithoutCorrection { get; init; }

    [JsonPropertyName("with_correction")]
    public required TypoScore WithCorrection { get; init; }

    /// <summary>Test utterances the corrector changed; on clean text each one is a possible false correction.</summary>
    [JsonPropertyName("texts_corrected")]
    public required int TextsCorrected { get; init; }
}
