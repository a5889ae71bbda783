using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Orchestrator.Escalation.Budget;

/// <summary>
/// Counts the prompt tokens a chat call will be billed for, with the OpenAI encodings
/// (o200k_base, cl100k_base) instead of a characters-per-token guess, which undercounts CJK text
/// and code by a factor of two or more. A model the encodings know (gpt-4o, gpt-4.1, gpt-3.5 ...) is
/// counted exactly; any other model is counted with o200k_base and the larger of that and a
/// one-token-per-two-characters floor, plus <see cref="UnknownModelMargin"/>, because its own
/// tokenizer may split text more finely. Each message adds the chat format's framing tokens.
/// </summary>
public static class PromptTokenCounter
{
    /// <summary>Tokens the chat format spends on each message (role and separators), per OpenAI's cookbook.</summary>
    public const int TokensPerMessage = 4;

    /// <summary>Tokens that prime the assistant's reply.</summary>
    public const int ReplyPrimingTokens = 3;

    /// <summary>Headroom over the o200k count for a model whose tokenizer is unknown.</summary>
    public const double UnknownModelMargin = 0.25;

    private static readonly Lazy<Tokenizer> Fallback = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly ConcurrentDictionary<string, Tokenizer?> ByModel = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="model"/> is a model whose encoding is known, so its count is exact.</summary>
    public static bool IsExact(string? model) => model is not null && ForModel(model) is not null;

    /// <summary>The tokens <paramref name="messages"/> cost as a prompt to <paramref name="model"/> (its remote name, e.g. gpt-4o-mini).</summary>
    public static int Count(IEnumerable<ChatMessage> messages, string? model)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tokenizer = model is null ? null : ForModel(model);
        var total = ReplyPrimingTokens;
        foreach (var message in messages)
        {
            total += TokensPerMessage + Text(tokenizer, message.Role.Value) + Text(tokenizer, message.Text);
        }

        return total;
    }

    /// <summary>The tokens of one text (a completion, for instance) under <paramref name="model"/>'s encoding.</summary>
    public static int Count(string text, string? model)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Text(model is null ? null : ForModel(model), text);
    }

    private static int Text(Tokenizer? exact, string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (exact is not null)
        {
            return exact.CountTokens(text);
        }

        var counted = Math.Max(Fallback.Value.CountTokens(text), (text.Length + 1) / 2);
        return (int)Math.Ceiling(counted * (1 + UnknownModelMargin));
    }

    private static Tokenizer? ForModel(string model) => ByModel.GetOrAdd(model, static name =>
    {
        try
        {
            return TiktokenTokenizer.CreateForModel(name);
        }
        catch (NotSupportedException)
        {
            return null; // not an OpenAI model name: counted with the fallback and its margin
        }
        catch (ArgumentException)
        {
            return null;
        }
    });
}
