namespace Orchestrator.Models.Onnx;

/// <summary>
/// Tuning for one ONNX Runtime GenAI model. Intended YAML keys (under the model entry):
/// <c>max_concurrency</c>, <c>queue_timeout_seconds</c>, <c>max_output_tokens</c>, <c>prompt_format</c>.
/// <see cref="MaxQueueLength"/> and <see cref="TimeProvider"/> are code-only.
/// </summary>
public sealed class OnnxProviderOptions
{
    /// <summary>Generations running at once on this model. One is the safe default on a CPU box:
    /// parallel decodes of one model mostly fight for the same cores.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>Requests allowed to wait for a slot; beyond that a request fails at once rather than piling up.</summary>
    public int MaxQueueLength { get; init; } = 16;

    /// <summary>How long a request waits for a slot before <see cref="OnnxModelBusyException"/>.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Used when <c>ChatOptions.MaxOutputTokens</c> is not set.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 256;

    /// <summary>
    /// Prompt format: null uses the folder's chat template (tokenizer_config.json) or, without one,
    /// the format of the genai_config model type. Otherwise one of phi3, chatml, llama3, plain, raw.
    /// </summary>
    public string? PromptFormat { get; init; }

    /// <summary>Clock for the queue timeout; injected so tests can drive it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueueLength);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(QueueTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultMaxOutputTokens, 1);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (PromptFormat is not null && !ChatPromptFormatter.Formats.Contains(PromptFormat))
        {
            throw new ArgumentException($"prompt format '{PromptFormat}' is unknown; use one of {string.Join(", ", ChatPromptFormatter.Formats)}", nameof(PromptFormat));
        }
    }
}
