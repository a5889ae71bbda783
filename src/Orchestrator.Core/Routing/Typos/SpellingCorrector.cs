using System.Collections.Frozen;
using System.Text;

namespace Orchestrator.Routing.Typos;

/// <summary>
/// Corrects misspelled words in a request before it is embedded: "how mnay vacaton days" becomes
/// "how many vacation days". The sentence encoder's WordPiece tokenizer splits an unknown word into
/// fragments ("va ##cat ##on") that carry little of its meaning, so one typo can move a short
/// request to another route.
/// <para>
/// A word is left alone when it is known: in the training vocabulary (the route examples, agent
/// descriptions and out-of-scope examples) or a whole word of the encoder's English vocabulary.
/// An unknown word is replaced by the likeliest word one edit away (insertion, deletion,
/// substitution or adjacent swap; two edits for words of <see cref="LongWordLength"/> letters or
/// more, training words only). Likelihood mixes the word's training frequency with its general
/// frequency, so the domain's words win ties. Numbers, e-mail addresses, codes, hyphenated or
/// capitalised words (names, acronyms) and anything with non-ASCII letters are never touched.
/// </para>
/// <para>
/// Bounded on hostile input: it looks at no more than <see cref="MaxWordsChecked"/> words per
/// text, words longer than <see cref="MaxWordLength"/> letters are skipped, and every step is
/// linear in the text's length.
/// </para>
/// </summary>
public sealed class SpellingCorrector
{
    /// <summary>
    /// Words shorter than this are never corrected: too many real words are one edit from them.
    /// Three, not four, so that a dropped letter in a four-letter word ("sik") is still caught; almost
    /// every real three-letter word is in the general vocabulary and so is left alone.
    /// </summary>
    public const int MinWordLength = 3;

    /// <summary>Longer letter runs are not words (hashes, keyboard mashing); they are left alone.</summary>
    public const int MaxWordLength = 24;

    /// <summary>From this length on, a word may be two edits from its correction.</summary>
    public const int LongWordLength = 8;

    /// <summary>How many candidate words of one text are looked up at most.</summary>
    public const int MaxWordsChecked = 256;

    /// <summary>Share of a candidate's likelihood that comes from the training vocabulary.</summary>
    private const double DomainWeight = 0.5;

    /// <summary>Apostrophe-less contractions people type; they are words, not typos of "done" or "cart".</summary>
    private static readonly FrozenSet<string> Contractions = new[]
    {
        "dont", "cant", "wont", "isnt", "arent", "doesnt", "didnt", "ive", "whats", "thats", "theres",
        "youre", "hows", "wheres", "whos", "shouldnt", "couldnt", "wouldnt", "hasnt", "havent", "hadnt",
        "wasnt", "werent", "youll", "theyre", "youve", "theyve", "weve", "itll", "aint", "gonna", "wanna",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<DeleteIndex> GeneralIndex = new(
        () => new DeleteIndex(EnglishLexicon.Instance.Words.Where(w => w.Key.Length >= MinWordLength - 1).Select(w => w.Key)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, int> _training;
    private readonly DeleteIndex _trainingIndex;
    private readonly string[][] _trainingByLength;

    /// <summary>The training count of each word of <see cref="_trainingByLength"/>, at the same index: the two-edit scan reads every word of five lengths, and a dictionary lookup per word was most of its time.</summary>
    private readonly int[][] _trainingCountsByLength;
    private readonly double _trainingTotal;
    private readonly EnglishLexicon _lexicon;

    private SpellingCorrector(Dictionary<string, int> training, EnglishLexicon lexicon)
    {
        _training = training.ToFrozenDictionary(StringComparer.Ordinal);
        _trainingTotal = Math.Max(1, training.Values.Sum());
        _trainingIndex = new DeleteIndex(training.Keys.Where(w => w.Length >= MinWordLength - 1));
        _trainingByLength = new string[MaxWordLength + 3][];
        _trainingCountsByLength = new int[_trainingByLength.Length][];
        for (var length = 0; length < _trainingByLength.Length; length++)
        {
            _trainingByLength[length] = [.. training.Keys.Where(w => w.Length == length).Order(StringComparer.Ordinal)];
            _trainingCountsByLength[length] = [.. _trainingByLength[length].Select(w => training[w])];
        }

        _lexicon = lexicon;
    }

    /// <summary>Words in the training vocabulary.</summary>
    public int VocabularySize => _training.Count;

    /// <summary>
    /// A corrector whose domain vocabulary is the words of <paramref name="trainingTexts"/> (route
    /// examples, descriptions, out-of-scope examples), on top of the general English vocabulary.
    /// </summary>
    public static SpellingCorrector FromTexts(IEnumerable<string?> trainingTexts)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in trainingTexts)
        {
            foreach (var word in TrainingWords(text ?? ""))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        // The general index is built once per process; building it here keeps that cost at start-up
        // (router fit) instead of on the first misspelled request.
        _ = GeneralIndex.Value;
        return new SpellingCorrector(counts, EnglishLexicon.Instance);
    }

    /// <summary>The text with misspelled words corrected; the same text (and no corrections) when nothing looked misspelled.</summary>
    public SpellingCorrection Correct(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new SpellingCorrection(text ?? "", []);
        }

        StringBuilder? result = null;
        List<WordCorrection>? corrections = null;
        var copied = 0;
        var checkedWords = 0;
        var sentenceStart = true;
        var candidates = new List<string>();
        Span<char> lower = stackalloc char[MaxWordLength];
        for (var position = 0; position < text.Length && checkedWords < MaxWordsChecked;)
        {
            if (IsSeparator(text[position]))
            {
                position++;
                continue;
            }

            var chunkStart = position;
            while (position < text.Length && !IsSeparator(text[position]))
            {
                position++;
            }

            var (start, length, capitalised) = Word(text, chunkStart, position - chunkStart, sentenceStart);
            sentenceStart = EndsSentence(text[position - 1]);
            if (length < MinWordLength)
            {
                continue;
            }

            checkedWords++;
            var word = text.AsSpan(start, length);
            word.ToLowerInvariant(lower);
            var replacement = Best(lower[..length], candidates);
            if (replacement is null)
            {
                continue;
            }

            result ??= new StringBuilder(text.Length + 16);
            corrections ??= [];
            result.Append(text, copied, start - copied);
            var written = capitalised ? string.Concat(char.ToUpperInvariant(replacement[0]).ToString(), replacement.AsSpan(1)) : replacement;
            result.Append(written);
            copied = start + length;
            corrections.Add(new WordCorrection(word.ToString(), written));
        }

        if (result is null)
        {
            return new SpellingCorrection(text, []);
        }

        result.Append(text, copied, text.Length - copied);
        return new SpellingCorrection(result.ToString(), corrections!);
    }

    /// <summary>The correction of a lower-case word, or null to leave it as written.</summary>
    private string? Best(ReadOnlySpan<char> word, List<string> candidates)
    {
        var trainingLookup = _training.GetAlternateLookup<ReadOnlySpan<char>>();
        if (trainingLookup.ContainsKey(word) || Contractions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return null;
        }

        // Every whole word of the encoder's vocabulary counts as known, rare ones too: from about
        // rank 15,000 on it still holds words like "verified", "fares" or "inquiries".
        if (_lexicon.Contains(word))
        {
            return null;
        }

        candidates.Clear();
        _trainingIndex.Near(word, candidates);
        GeneralIndex.Value.Near(word, candidates);
        string? best = null;
        var bestScore = 0.0;
        foreach (var candidate in candidates)
        {
            var trainingCount = _training.GetValueOrDefault(candidate);
            var score = Likelihood(candidate, trainingCount);
            if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                (best, bestScore) = (candidate, score);
            }
        }

        if (best is null && word.Length >= LongWordLength)
        {
            best = TwoEditsAway(word);
        }

        return best;
    }

    private double Likelihood(string candidate, int trainingCount)
    {
        // Zipf's law turns the general rank into a rough probability; unknown ranks count as rare.
        var generalRank = _lexicon.Rank(candidate) ?? 100_000;
        var general = 0.1 / (generalRank + 10);
        var domain = trainingCount / _trainingTotal;
        return (DomainWeight * domain) + ((1 - DomainWeight) * general);
    }

    private string? TwoEditsAway(ReadOnlySpan<char> word)
    {
        string? best = null;
        var bestCount = 0;
        for (var length = word.Length - 2; length <= Math.Min(word.Length + 2, _trainingByLength.Length - 1); length++)
        {
            var candidates = _trainingByLength[length];
            var counts = _trainingCountsByLength[length];
            for (var i = 0; i < candidates.Length; i++)
            {
                if (counts[i] > bestCount && EditDistance.Bounded(word, candidates[i], 2) <= 2)
                {
                    (best, bestCount) = (candidates[i], counts[i]);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The correctable word inside a whitespace-delimited chunk: ASCII letters only, after
    /// stripping surrounding punctuation; lower case, or capitalised at the start of a sentence.
    /// Length 0 means there is nothing to correct in the chunk.
    /// </summary>
    private static (int Start, int Length, bool Capitalised) Word(string text, int chunkStart, int chunkLength, bool sentenceStart)
    {
        var start = chunkStart;
        var end = chunkStart + chunkLength;
        while (start < end && IsEdgePunctuation(text[start]))
        {
            start++;
        }

        while (end > start && IsEdgePunctuation(text[end - 1]))
        {
            end--;
        }

        var length = end - start;
        if (length is < MinWordLength or > MaxWordLength)
        {
            return (0, 0, false);
        }

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var lowerLetter = c is >= 'a' and <= 'z';
            var capital = i == start && sentenceStart && c is >= 'A' and <= 'Z';
            if (!lowerLetter && !capital)
            {
                return (0, 0, false);
            }
        }

        return (start, length, text[start] is >= 'A' and <= 'Z');
    }

    private static bool IsEdgePunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or '(' or ')' or '[' or ']' or '¿' or '¡' or '…';

    /// <summary>Control characters separate words like white space does: "mnay\0vacaton" is two words.</summary>
    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    private static bool EndsSentence(char c) => c is '.' or '!' or '?';

    private static IEnumerable<string> TrainingWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start <= MaxWordLength)
                {
                    yield return text[start..i].ToLowerInvariant();
                }

                start = -1;
            }
        }
    }
}
