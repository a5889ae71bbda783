using System.Text.RegularExpressions;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tools;

/// <summary>
/// What the user reads about a tool ("I'm ready to …", "I can't … without …"): a verb phrase built
/// from the tool's own words. A description that opens with a short imperative of the name's verb
/// ("Create a pull request from a branch.") is used as written; otherwise the name is read as a
/// verb and its object, with acronyms in capitals and an article where English wants one
/// ("create_it_ticket": "create an IT ticket"), codes with digits in capitals and without an article of
/// their own ("reset_2fa": "reset 2FA", "create_o365_account": "create an O365 account"), and mixed case where the author wrote
/// it or the code is spelled so ("block_IPv6_address", "block_ipv6_address": "block the IPv6 address"); a name that does not start with a verb becomes
/// "run the `name` tool". <see cref="ToolSelector.Humanize"/> stays as it is: it feeds matching, not prose.
/// </summary>
internal static partial class ToolActionPhrase
{
    /// <summary>Longest description clause (in words) that still reads as a phrase inside a sentence.</summary>
    private const int MaxDescriptionWords = 7;

    public static string For(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return FromDescription(tool) ?? ForName(tool.Name);
    }

    /// <summary>The phrase from the name alone (for a tool that is no longer registered).</summary>
    public static string ForName(string name)
    {
        var words = ToolSelector.Humanize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var written = WrittenWords(name);
        if (words.Length == 0 || !ToolPhraseWords.Verbs.Contains(words[0]) || words.Any(w => !w.All(char.IsAsciiLetterOrDigit)))
        {
            return $"run the `{name}` tool";
        }

        var verb = words[0] == "lookup" ? "look up" : words[0];
        if (words.Length == 1)
        {
            return verb;
        }

        var objectWords = words[1..].Select((w, i) => Cased(w, written[i + 1], isLast: i == words.Length - 2)).ToList();
        var article = Article(words[0], objectWords);
        return $"{verb} {(article is null ? "" : article + " ")}{string.Join(' ', objectWords)}";
    }

    /// <summary>An argument's name as prose: "employee_id" reads "employee ID".</summary>
    public static string Label(string name)
    {
        var words = ToolSelector.Humanize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var written = WrittenWords(name);
        return string.Join(' ', words.Select((w, i) => Cased(w, written[i], isLast: i == words.Length - 1)));
    }

    private static string[] WrittenWords(string name) => ToolSelector.Words(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string? FromDescription(ToolDescriptor tool)
    {
        var nameVerb = ToolSelector.Humanize(tool.Name).Split(' ', 2)[0];
        var clause = ClauseEnd().Split(tool.Description.Trim(), 2)[0].Trim();
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length > MaxDescriptionWords || !string.Equals(words[0], nameVerb, StringComparison.OrdinalIgnoreCase)
            || !ToolPhraseWords.Verbs.Contains(nameVerb))
        {
            return null;
        }

        // "Create" opens a sentence; inside ours it is lower-case, but an acronym ("VPN") keeps its capitals.
        return words[0].Skip(1).Any(char.IsUpper) ? clause : char.ToLowerInvariant(clause[0]) + clause[1..];
    }

    /// <summary>"a"/"an" for a verb that makes something, "the" for one that acts on something, none for plurals, mass nouns or a determiner.</summary>
    private static string? Article(string verb, List<string> objectWords)
    {
        var first = objectWords[0].ToLowerInvariant();
        var nounGroup = objectWords.TakeWhile(w => !ToolPhraseWords.Prepositions.Contains(w)).ToList();
        var head = nounGroup.Count > 0 ? nounGroup[^1] : objectWords[^1];
        var pronoun = objectWords.Count == 1 && ToolPhraseWords.Pronouns.Contains(objectWords[0]); // "delete_it"
        // A head with digits is a code or a number ("2FA", "IPV6", "page 2"): a name, so no article of its own.
        if (pronoun || ToolPhraseWords.Determiners.Contains(first) || IsPlural(head) || ToolPhraseWords.MassNouns.Contains(head.ToLowerInvariant())
            || head.Any(char.IsAsciiDigit))
        {
            return null;
        }

        if (!ToolPhraseWords.MakingVerbs.Contains(verb))
        {
            return "the";
        }

        return StartsWithVowelSound(objectWords[0]) ? "an" : "a";
    }

    private static bool IsPlural(string word) =>
        (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        || (word.Length > 2 && word.EndsWith('s') && word[..^1].All(char.IsUpper)); // "IDs", "PRs"

    private static bool StartsWithVowelSound(string word)
    {
        if (char.IsAsciiDigit(word[0]))
        {
            // A number is spoken as one: "an 8-port", "an 11", "an 18", "a 2FA", "a 100".
            var digits = word.TakeWhile(char.IsAsciiDigit).Count();
            return word[0] == '8' || (digits is 2 or 5 && (word.StartsWith("11", StringComparison.Ordinal) || word.StartsWith("18", StringComparison.Ordinal)));
        }

        if (word.Length > 1 && word.All(c => char.IsUpper(c) || char.IsAsciiDigit(c)))
        {
            // An acronym is spoken letter by letter: "an IT ticket", "an SMS", "a VPN", "a US letter".
            return "AEFHILMNORSX".Contains(word[0], StringComparison.Ordinal);
        }

        var lower = word.ToLowerInvariant();
        return lower.StartsWith("hour", StringComparison.Ordinal) || lower.StartsWith("honest", StringComparison.Ordinal)
            || "aeio".Contains(lower[0], StringComparison.Ordinal) && !lower.StartsWith("eu", StringComparison.Ordinal) && !lower.StartsWith("one", StringComparison.Ordinal)
            || lower[0] == 'u' && !UnLikeYou().IsMatch(lower);
    }

    /// <summary>
    /// A token of up to three letters that is no common English word is an acronym (IT, PR, VPN, ID), also
    /// in the plural ("IDs", "URLs"); a pronoun ("it", "us") in front of another word can only be one ("create_it_ticket").
    /// </summary>
    private static string Cased(string word, string written, bool isLast)
    {
        // A code whose author wrote it in mixed case ("IPv6", "OAuth2") reads as written; a camelCase name's
        // capitalised words ("Ticket2") are no such code, so it takes two capitals, a small letter and a digit.
        if (written.Count(char.IsAsciiLetterUpper) >= 2 && written.Any(char.IsAsciiLetterLower) && written.Any(char.IsAsciiDigit))
        {
            return written;
        }

        if (ToolPhraseWords.MixedCaseCodes.TryGetValue(word, out var spelled))
        {
            return spelled;
        }

        if (!isLast && ToolPhraseWords.ModifierAcronyms.Contains(word))
        {
            return word.ToUpperInvariant();
        }

        if (word.Length is 3 or 4 && word.EndsWith('s') && !ToolPhraseWords.Common.Contains(word) && !ToolPhraseWords.AcronymsEndingInS.Contains(word)
            && word[..^1] is { Length: >= 2 } stem && IsAcronym(stem))
        {
            return stem.ToUpperInvariant() + "s";
        }

        if (word.Any(char.IsAsciiDigit))
        {
            return IsCode(word) ? word.ToUpperInvariant() : word;
        }

        return IsAcronym(word) ? word.ToUpperInvariant() : word;
    }

    /// <summary>
    /// Letters and digits whose letter runs are all short acronyms or single letters ("2fa", "o365", "ec2",
    /// "sha256", "b2b") are a code spelled in capitals; a longer or everyday word stays as written ("oauth2", "win10").
    /// </summary>
    private static bool IsCode(string word) =>
        LetterRuns().Matches(word).All(run => run.Length == 1 || (run.Length <= 3 && !ToolPhraseWords.Common.Contains(run.Value)));

    private static bool IsAcronym(string word) => word.Length <= 3 && !ToolPhraseWords.Common.Contains(word);

    /// <summary>Where a description's first clause ends: punctuation, or the details a call's arguments carry.</summary>
    [GeneratedRegex(@"[.,;:()\n!?]|\s[-–—]\s|\s(?:with|for|from|by|using|via)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex("[a-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex LetterRuns();

    /// <summary>A "u" spoken as "you": user, unit, use, usual, uniform.</summary>
    [GeneratedRegex("^u(?:ni|s[aeiu]|ti|r[aeiou]|k)", RegexOptions.CultureInvariant)]
    private static partial Regex UnLikeYou();
}
