using Orchestrator.Retrieval.Reading;

namespace Orchestrator.Retrieval.Chunking;

/// <summary>
/// Structure-aware chunking. Blocks are grouped into sections by heading path; within a section,
/// paragraphs are packed into chunks of about <see cref="ChunkerOptions.TargetWords"/> words, never
/// over <see cref="ChunkerOptions.MaxWords"/>. Paragraphs longer than the maximum are split at
/// sentence boundaries. Chunks never span two sections, so a chunk's locator (its heading path, or
/// its pages) is always true for all of its text, and overlap never leaks across a heading.
/// </summary>
public sealed class StructuredChunker
{
    private readonly ChunkerOptions _options;

    public StructuredChunker(ChunkerOptions? options = null)
    {
        _options = options ?? new ChunkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.TargetWords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxWords, _options.TargetWords);
    }

    public IReadOnlyList<TextChunk> Chunk(IReadOnlyList<DocumentBlock> blocks)
    {
        var chunks = new List<TextChunk>();
        var paragraphIndex = 0;
        foreach (var section in Sections(blocks))
        {
            var pieces = new List<Piece>();
            foreach (var block in section)
            {
                paragraphIndex++;
                pieces.AddRange(SplitLongParagraph(block.Text).Select(t => new Piece(t, block.Page, paragraphIndex)));
            }

            foreach (var packed in Pack(pieces))
            {
                var headingPath = section[0].HeadingPath;
                var text = string.Join("\n\n", packed.Select(p => p.Text));
                var locator = Locator(headingPath, packed);
                var embeddingText = headingPath.Count > 0 ? string.Join(" > ", headingPath) + "\n" + text : text;
                chunks.Add(new TextChunk(chunks.Count, locator, text, embeddingText));
            }
        }

        return chunks;
    }

    internal static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    private static IEnumerable<List<DocumentBlock>> Sections(IReadOnlyList<DocumentBlock> blocks)
    {
        var current = new List<DocumentBlock>();
        foreach (var block in blocks)
        {
            if (current.Count > 0 && !current[0].HeadingPath.SequenceEqual(block.HeadingPath))
            {
                yield return current;
                current = [];
            }

            current.Add(block);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>Splits a paragraph over the maximum into runs of whole sentences; a single giant sentence is cut by words.</summary>
    private List<string> SplitLongParagraph(string paragraph)
    {
        if (CountWords(paragraph) <= _options.MaxWords)
        {
            return [paragraph];
        }

        var runs = new List<string>();
        var run = new List<string>();
        var runWords = 0;
        foreach (var sentence in SentenceSplitter.Split(paragraph).SelectMany(CutByWords))
        {
            var words = CountWords(sentence);
            if (run.Count > 0 && runWords + words > _options.TargetWords)
            {
                runs.Add(string.Join(" ", run));
                run.Clear();
                runWords = 0;
            }

            run.Add(sentence);
            runWords += words;
        }

        if (run.Count > 0)
        {
            runs.Add(string.Join(" ", run));
        }

        return runs;
    }

    private IEnumerable<string> CutByWords(string sentence)
    {
        var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i += _options.MaxWords)
        {
            yield return string.Join(" ", words.Skip(i).Take(_options.MaxWords));
        }
    }

    private IEnumerable<List<Piece>> Pack(List<Piece> pieces)
    {
        var current = new List<Piece>();
        var words = 0;
        foreach (var piece in pieces)
        {
            var pieceWords = CountWords(piece.Text);
            if (current.Count > 0 && (words >= _options.TargetWords || words + pieceWords > _options.MaxWords))
            {
                yield return current;
                current = Overlap(current, pieceWords);
                words = current.Sum(p => CountWords(p.Text));
            }

            current.Add(piece);
            words += pieceWords;
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>The last sentence(s) of a closed chunk, carried into the next so an answer spanning the cut is still whole somewhere.</summary>
    private List<Piece> Overlap(List<Piece> closed, int nextPieceWords)
    {
        if (_options.OverlapSentences <= 0)
        {
            return [];
        }

        var last = closed[^1];
        var tail = SentenceSplitter.Split(last.Text).TakeLast(_options.OverlapSentences).ToList();
        var text = string.Join(" ", tail);
        var words = CountWords(text);
        var fits = words <= _options.MaxOverlapWords && words + nextPieceWords <= _options.MaxWords;
        return fits && tail.Count > 0 ? [last with { Text = text }] : [];
    }

    private static string Locator(IReadOnlyList<string> headingPath, List<Piece> pieces)
    {
        var pages = pieces.Where(p => p.Page is not null).Select(p => p.Page!.Value).Distinct().Order().ToList();
        var pageText = pages.Count switch
        {
            0 => null,
            1 => $"page {pages[0]}",
            _ => $"pages {pages[0]}-{pages[^1]}",
        };
        if (headingPath.Count > 0)
        {
            return pageText is null ? string.Join(" > ", headingPath) : $"{string.Join(" > ", headingPath)} ({pageText})";
        }

        return pageText ?? (pieces[0].ParagraphIndex == pieces[^1].ParagraphIndex
            ? $"paragraph {pieces[0].ParagraphIndex}"
            : $"paragraphs {pieces[0].ParagraphIndex}-{pieces[^1].ParagraphIndex}");
    }

    private sealed record Piece(string Text, int? Page, int ParagraphIndex);
}
