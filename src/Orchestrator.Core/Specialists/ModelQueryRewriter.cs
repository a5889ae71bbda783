using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Specialists;

/// <summary>
/// Lets a retrieval agent's own model rewrite an elliptical follow-up ("and in Paris?") into a
/// standalone search query. Only the user's own earlier turns go into the prompt (assistant turns
/// may hold tool results). The model's text is untrusted: it is used only as a search query, must
/// be one line of reasonable length, and anything else (or any failure) returns null so the caller
/// falls back to <see cref="FollowUpQueryRewriter"/>.
/// </summary>
internal static class ModelQueryRewriter
{
    public const int MaxQueryChars = 300;
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

        return (Accept(ModelOutput.Clean(response.Text)), (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0));
    }

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
