using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Retrieval.Storage;
using Orchestrator.TextUnits;

namespace Orchestrator.Specialists;

/// <summary>
/// Lets a retrieval agent's own model rewrite an elliptical follow-up ("and in Paris?") into a
/// standalone search query. Only the user's own earlier turns go into the prompt (assistant turns
/// may hold tool results). The model's text is untrusted: it is used only as a search query, must
/// be one line of reasonable length, keep every content word of the user's new message, bring in
/// few words the user never wrote and no instruction-like words at all; anything else (or any
/// failure) returns null so the caller falls back to <see cref="FollowUpQueryRewriter"/>.
/// </summary>
internal static partial class ModelQueryRewriter
{
    public const int MaxQueryChars = 300;

    /// <summary>
    /// A rewrite resolves references from the conversation, so nearly all its words are the user's.
    /// A few new ones are fine ("part-timers" → "part-time employees"); more means the model wrote
    /// its own query, or was steered into one.
    /// </summary>
    internal const int MaxNewTerms = 4;

    /// <summary>Words of the new message a faithful rewrite may drop: fillers, and the question words a rewrite restates.</summary>
    private static readonly HashSet<string> DroppableTerms = new(StringComparer.OrdinalIgnoreCase)
    {
        "too", "also", "just", "please", "instead", "even", "still", "again", "really", "actually", "exactly", "thanks", "thank",
        "okay", "ok", "any", "some", "much", "many", "more", "them", "those", "these", "one", "ones", "else", "tips",
    };
    private const int MaxTurns = 3;
    private const int MaxTurnChars = 1_000;

    internal const string Instruction =
        "Rewrite the user's last message as one standalone search query, using the earlier messages only to fill in what it leaves out. "
        + "Reply with the query alone, on one line, with no explanation.";

    /// <summary>Whether a model rewrite is worth a call: a conversation, and a message that leans on it.</summary>
    public static bool Applies(string question, IReadOnlyList<ConversationTurn> history) =>
        !string.IsNullOrWhiteSpace(question)
        && history.Any(t => t.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(t.Text))
        && FollowUpQueryRewriter.IsFollowUp(question);

    /// <summary>The model's query (null when unusable or the call failed) and the tokens the call used, which are billed either way.</summary>
    public static async Task<(string? Query, int PromptTokens, int CompletionTokens)> RewriteAsync(IChatClient client, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var earlier = history
            .Where(t => t.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(t.Text))
            .TakeLast(MaxTurns)
            .Select(t => t.Text.Trim())
            .Select(text => text.Length > MaxTurnChars ? text[..MaxTurnChars] : text);
        var prompt = new StringBuilder("Earlier messages from the user:\n");
        foreach (var turn in earlier)
        {
            prompt.Append("- ").AppendLine(turn.ReplaceLineEndings(" "));
        }

        prompt.Append("Last message: ").AppendLine(question.Trim().ReplaceLineEndings(" "));
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, prompt.ToString())],
                new ChatOptions { MaxOutputTokens = 64, Temperature = 0 },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            return (null, 0, 0);
        }

        return (Accept(ModelOutput.Clean(response.Text), question, history), (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0));
    }

    /// <summary>
    /// The model's query when it is usable (<see cref="Accept(string?)"/>) and faithful to the
    /// conversation: it keeps every content word of <paramref name="question"/>, adds at most
    /// <see cref="MaxNewTerms"/> words found in none of the user's turns, and adds no instruction-like
    /// words ("ignore", "system", a link or markup) that the user did not write.
    /// </summary>
    internal static string? Accept(string? text, string question, IReadOnlyList<ConversationTurn> history)
    {
        if (Accept(text) is not { } query)
        {
            return null;
        }

        var userText = string.Join('\n', history.Where(t => t.Role == ConversationTurn.User).Select(t => t.Text).Append(question));
        var userTerms = FtsQuery.Terms(userText);
        var queryTerms = FtsQuery.Terms(query);
        var keepsMessage = FtsQuery.Terms(question).Where(t => !DroppableTerms.Contains(t)).All(t => queryTerms.Any(q => WordStem.Same(t, q)));
        var newTerms = queryTerms.Distinct(StringComparer.Ordinal).Count(q => !userTerms.Any(u => WordStem.Same(q, u)));
        var injected = InstructionLike().Matches(query).Any(m => !userText.Contains(m.Value, StringComparison.OrdinalIgnoreCase));
        return keepsMessage && newTerms <= MaxNewTerms && !injected ? query : null;
    }

    /// <summary>Words and marks of an instruction or a payload, not of a search query.</summary>
    [GeneratedRegex(@"\b(?:ignore|disregard|instructions?|system|prompt|override|pretend|jailbreak|assistant|developer|reveal|forget|act\s+as)\b|://|[<>{}\[\]`]", RegexOptions.IgnoreCase)]
    private static partial Regex InstructionLike();

    /// <summary>The model's query when it is usable: one non-blank line, quotes stripped, no longer than <see cref="MaxQueryChars"/>.</summary>
    internal static string? Accept(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 1)
        {
            return null;
        }

        var query = lines[0].Trim('"', '\'', '`', ' ');
        return query.Length is 0 or > MaxQueryChars || query.Any(char.IsControl) ? null : query;
    }
}
