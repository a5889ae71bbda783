namespace Orchestrator.Retrieval.Chunking;

public sealed record ChunkerOptions
{
    /// <summary>A chunk is closed once it reaches this many words. MiniLM reads about 256 tokens, roughly 180 words.</summary>
    public int TargetWords { get; init; } = 160;

    /// <summary>No chunk grows past this many words (except a single unsplittable run of text, which is cut by words).</summary>
    public int MaxWords { get; init; } = 220;

    /// <summary>Trailing sentences of the previous chunk repeated at the start of the next one, within a section only.</summary>
    public int OverlapSentences { get; init; } = 1;

    /// <summary>An overlap sentence longer than this is not repeated: it would crowd out new text.</summary>
    public int MaxOverlapWords { get; init; } = 40;
}
