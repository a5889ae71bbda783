namespace Orchestrator.Configuration;

/// <summary>Values of <c>max_tokens_field:</c> on an <c>openai</c> model: which request field carries the output cap.</summary>
internal static class MaxTokensFields
{
    /// <summary>What the OpenAI SDK sends, and what an omitted field means.</summary>
    public const string MaxCompletionTokens = "max_completion_tokens";

    /// <summary>The older field, for OpenAI-compatible servers that read only it (older vLLM, llama.cpp, some gateways).</summary>
    public const string MaxTokens = "max_tokens";

    public static readonly IReadOnlyList<string> All = [MaxCompletionTokens, MaxTokens];
}
