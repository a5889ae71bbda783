using System.Text.RegularExpressions;
using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// A retrieved passage that speaks to the assistant about its own answer ("include … in your
/// response", "ignore the previous …") carries an instruction, whatever kind of document it sits in.
/// The injection classifier's document rule only trusts such a line once the text looks like a
/// table, an e-mail or code; on the retrieval rail every passage is a document, so the retrieval
/// rail checks for it in any passage. A question is searched only for a document pasted into it (the classifier's
/// document rule, <see cref="Classifiers.FeatureVector.DocumentTask"/>): a user may well write "your answer".
/// The text is normalised first (the guardian's bounded normalisation: capped length, hidden
/// characters and look-alike letters folded) and the pattern runs without backtracking.
/// </summary>
internal static partial class PassageInstructionCue
{
    /// <summary>The words addressed to the assistant, or null when the passage holds none.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return FindInLowered(GuardianTextNormalizer.Normalize(text).Text.ToLowerInvariant());
    }

    /// <summary>As <see cref="Find"/>, for text the caller already normalised and lower-cased (<see cref="PassageCues"/>).</summary>
    internal static string? FindInLowered(string lowered)
    {
        foreach (var match in AddressedToAnswer().EnumerateMatches(lowered))
        {
            var phrase = lowered.Substring(match.Index, match.Length);
            // "thank you for your reply", "waiting for your answer": a correspondent, not an instruction.
            if (phrase.StartsWith("your", StringComparison.Ordinal) && PreviousWordIsFor(lowered, match.Index))
            {
                continue;
            }

            return phrase;
        }

        return null;
    }

    private static bool PreviousWordIsFor(string text, int index)
    {
        var end = index;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end >= 3 && text.AsSpan(end - 3, 3).SequenceEqual("for") && (end == 3 || !char.IsLetterOrDigit(text[end - 4]));
    }

    [GeneratedRegex(@"\byour\s+((final|next|own)\s+)?(responses?|reply|replies|answers?|output)\b|\b(ignore|disregard|forget)\s+((all|any)\s+)?(previous|prior|above|earlier|the\s+above)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AddressedToAnswer();
}
