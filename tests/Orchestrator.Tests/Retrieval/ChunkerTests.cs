using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Reading;

namespace Orchestrator.Tests.Retrieval;

public sealed class ChunkerTests
{
    private static readonly ChunkerOptions Small = new() { TargetWords = 20, MaxWords = 30, OverlapSentences = 1, MaxOverlapWords = 10 };

    private static string Sentences(string prefix, int count, int wordsEach) =>
        string.Join(" ", Enumerable.Range(1, count).Select(i => $"{prefix}{i} " + string.Join(" ", Enumerable.Repeat("word", wordsEach - 2)) + " end."));

    [Fact]
    public void Short_paragraphs_in_one_section_are_packed_together()
    {
        var blocks = new[] { new DocumentBlock(["Leave"], "One two three."), new DocumentBlock(["Leave"], "Four five six.") };

        var chunks = new StructuredChunker(Small).Chunk(blocks);

        var chunk = Assert.Single(chunks);
        Assert.Equal("One two three.\n\nFour five six.", chunk.Text);
        Assert.Equal("Leave", chunk.Locator);
        Assert.Equal("Leave\nOne two three.\n\nFour five six.", chunk.EmbeddingText);
    }

    [Fact]
    public void Chunks_never_span_sections_and_locators_are_heading_paths()
    {
        var blocks = new[] { new DocumentBlock(["A"], "Alpha text."), new DocumentBlock(["A", "B"], "Beta text.") };

        var chunks = new StructuredChunker(Small).Chunk(blocks);

        Assert.Equal(["A", "A > B"], chunks.Select(c => c.Locator));
        Assert.Equal("A > B\nBeta text.", chunks[1].EmbeddingText);
        Assert.Equal("Beta text.", chunks[1].Text);
    }

    [Fact]
    public void Long_paragraphs_split_on_sentences_within_the_hard_maximum()
    {
        var paragraph = Sentences("S", 10, 8); // 80 words in 8-word sentences
        var chunks = new StructuredChunker(Small).Chunk([new DocumentBlock([], paragraph)]);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.InRange(StructuredChunker.CountWords(c.Text), 1, Small.MaxWords));
        Assert.All(chunks, c => Assert.EndsWith("end.", c.Text, StringComparison.Ordinal));
        Assert.Contains("S10 ", chunks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_chunks_in_a_section_overlap_by_the_last_sentence()
    {
        var blocks = Enumerable.Range(1, 4).Select(i => new DocumentBlock(["S"], Sentences($"P{i}x", 2, 6))).ToArray();

        var chunks = new StructuredChunker(Small).Chunk(blocks);

        Assert.True(chunks.Count >= 2);
        var lastSentenceOfFirst = SentenceSplitter.Split(chunks[0].Text)[^1];
        Assert.StartsWith(lastSentenceOfFirst, chunks[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_overlap_is_carried_across_a_heading()
    {
        var blocks = new[] { new DocumentBlock(["A"], Sentences("A", 3, 8)), new DocumentBlock(["B"], "Fresh start.") };

        var chunks = new StructuredChunker(Small).Chunk(blocks);

        Assert.Equal("Fresh start.", chunks[^1].Text);
    }

    [Fact]
    public void Pdf_chunks_are_located_by_page_and_plain_text_by_paragraph()
    {
        var pdf = new StructuredChunker(Small).Chunk([new DocumentBlock([], "On page three.", 3), new DocumentBlock([], "On page four.", 4)]);
        var text = new StructuredChunker(Small).Chunk([new DocumentBlock([], "Only one.")]);

        Assert.Equal("pages 3-4", Assert.Single(pdf).Locator);
        Assert.Equal("paragraph 1", Assert.Single(text).Locator);
    }

    [Fact]
    public void Sentence_splitter_keeps_abbreviations_and_initials_together()
    {
        var sentences = SentenceSplitter.Split("Dr. Smith met John F. Kennedy in the U.S. capital. It rained! Did it? Yes.");

        Assert.Equal(["Dr. Smith met John F. Kennedy in the U.S. capital.", "It rained!", "Did it?", "Yes."], sentences);
    }
}
