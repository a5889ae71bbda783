using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// The question's own verb, and whether a sentence uses it as a verb. "Who approves my leave?" is
/// answered by "Your line manager approves or declines requests", not by a sentence that only shares
/// the noun ("... with People Team approval"): the keyword stemmer cuts both to "appro", so term
/// overlap cannot tell them apart. Verbs are compared by a crude lemma that strips verb endings only
/// ("approves", "approved", "approving" → "approv"; "approval" stays itself).
/// </summary>
internal static partial class QuestionVerb
{
    // Auxiliaries and copulas carry tense, not the question's action; the first one ends the search.
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "do", "does", "did", "can", "could", "will", "would", "should", "must", "may", "might", "shall",
        "is", "are", "was", "were", "am", "has", "have", "had",
    };

    // "be", "being" and "been" are no auxiliary that opens a question, and never its verb.
    private static readonly HashSet<string> FormsOfBe = new(StringComparer.Ordinal) { "be", "been", "being" };

    // Words before a noun: a question word after one of these is a thing ("my leave"), and a sentence
    // word after one is a noun use ("the approval", "a request"), not the verb.
    private static readonly HashSet<string> NounMarkers = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their",
        "of", "per", "any", "each", "every", "no", "some", "for", "to", "in", "on", "at", "by", "with", "from",
    };

    // Subject pronouns and small words that never are the question's verb.
    private static readonly HashSet<string> NotVerbs = new(StringComparer.Ordinal)
    {
        "i", "you", "we", "they", "he", "she", "it", "not", "also", "there", "what", "which", "who", "whom", "whose",
        "when", "where", "why", "how", "many", "much", "long", "often", "and", "or", "the", "a", "an", "first", "most",
        "over", "out", "up", "down", "off", "into", "about", "after", "before", "than", "then", "more", "less", "such",
        "only", "still", "just", "ever", "never", "very", "all", "both", "other", "same", "own",
    };

    /// <summary>
    /// The lemmas of the question's main verb: the word after a subject "who" ("who approves", "who
    /// previously held"), a past form after "what" ("what caused"), or a participle after "is", "was"
    /// or "has" ("when was it founded"). Only the first of these places is read. Empty when none is
    /// found, and then no sentence counts as using it.
    /// </summary>
    public static IReadOnlySet<string> LemmasOf(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = Word().Matches(question).Select(m => m.Value).ToList();
        var lemmas = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].ToLowerInvariant();
            var next = i + 1 < words.Count && words[i + 1].EndsWith("ly", StringComparison.Ordinal) ? i + 2 : i + 1; // "who previously held"
            if (word == "who" && next < words.Count && IsCandidate(words[next]))
            {
                lemmas.Add(Lemma(words[next]));
                break;
            }
            else if (word == "what" && i + 1 < words.Count && words[i + 1].EndsWith("ed", StringComparison.Ordinal) && IsCandidate(words[i + 1]))
            {
                lemmas.Add(Lemma(words[i + 1]));
                break;
            }
            else if (Auxiliaries.Contains(word) && i > 0)
            {
                AddParticiples(words, i, lemmas);
                break;
            }
        }

        return lemmas;
    }

    /// <summary>
    /// After "is"/"was"/"has" the question's verb is a participle ("when was the fort renamed", "what
    /// body has stated"): up to two "-ed" words that follow no determiner or preposition. After "did",
    /// "can" and the other auxiliaries nothing is taken: the subject comes between them and its verb,
    /// and its nouns ("did consolidation cause", "might a pharmacy technician have") read as verbs
    /// chose more wrong leads than right ones on the tuning articles.
    /// </summary>
    private static void AddParticiples(List<string> words, int auxiliary, HashSet<string> lemmas)
    {
        if (words[auxiliary].ToLowerInvariant() is not ("is" or "are" or "was" or "were" or "has" or "have" or "had"))
        {
            return;
        }

        for (var k = auxiliary + 1; k < words.Count && lemmas.Count < 2; k++)
        {
            var word = words[k];
            if (IsCandidate(word) && word.EndsWith("ed", StringComparison.Ordinal) && !NounMarkers.Contains(words[k - 1].ToLowerInvariant()))
            {
                lemmas.Add(Lemma(word));
            }
        }
    }

    private static bool IsCandidate(string word) =>
        word.Length >= 3 && char.IsLower(word[0]) && !Auxiliaries.Contains(word) && !FormsOfBe.Contains(word) && !NotVerbs.Contains(word) && !word.Any(char.IsDigit);

    /// <summary>True when the sentence has one of <paramref name="lemmas"/> in a verb form that does not follow a determiner or preposition.</summary>
    public static bool UsesAsVerb(string sentence, IReadOnlySet<string> lemmas)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(lemmas);
        if (lemmas.Count == 0)
        {
            return false;
        }

        // Per retrieved sentence on every request: words are read as spans and lower-cased on the
        // stack, and only a word that starts like one of the lemmas is lemmatised.
        var markers = NounMarkers.GetAlternateLookup<ReadOnlySpan<char>>();
        var set = lemmas as HashSet<string> ?? new HashSet<string>(lemmas, StringComparer.Ordinal); // a struct enumerator below
        Span<char> buffer = stackalloc char[MaxWordLength];
        var afterMarker = false;
        var first = true;
        foreach (var m in Word().EnumerateMatches(sentence))
        {
            var original = sentence.AsSpan(m.Index, m.Length);
            if (original.Length > MaxWordLength)
            {
                (afterMarker, first) = (false, false);
                continue;
            }

            var word = buffer[..original.Length];
            original.ToLowerInvariant(word);
            // A capitalised word inside the sentence is a name ("the United States" is no "stated").
            if ((first || char.IsLower(original[0])) && !afterMarker && StartsLikeOneOf(word, set) && set.Contains(Lemma(word.ToString())))
            {
                return true;
            }

            afterMarker = markers.Contains(word);
            first = false;
        }

        return false;
    }

    // Longer "words" are no verb of a question (and no noun marker).
    private const int MaxWordLength = 64;

    /// <summary><see cref="Lemma"/> only cuts a word's ending (and "-ies" to "-y"), so a lemma's form starts with all of the lemma but its last letter.</summary>
    private static bool StartsLikeOneOf(ReadOnlySpan<char> word, HashSet<string> lemmas)
    {
        foreach (var lemma in lemmas)
        {
            if (lemma.Length > 0 && word.StartsWith(lemma.AsSpan(0, Math.Max(1, lemma.Length - 1)), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strips verb endings only (-s, -es, -ed, -ing, then a final e and a doubled consonant), so nouns like "approval" keep their own form.</summary>
    internal static string Lemma(string word)
    {
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) || w.EndsWith("ied", StringComparison.Ordinal))
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            w = w[..^3];
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^2];
        }
        else if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3)
        {
            w = w[..^1];
        }

        if (w.EndsWith('e') && w.Length > 3)
        {
            w = w[..^1];
        }

        return w.Length > 3 && w[^1] == w[^2] && !"aeiou".Contains(w[^1], StringComparison.Ordinal) ? w[..^1] : w;
    }

    [GeneratedRegex(@"[\p{L}][\p{L}'-]*")]
    private static partial Regex Word();
}
