namespace Orchestrator.Retrieval;

public sealed record RetrievalOptions
{
    /// <summary>Chunks fetched by hybrid search for each question.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Of those, how many (best first) are read for answer sentences.</summary>
    public int AnswerChunks { get; init; } = 3;

    public int MaxAnswerSentences { get; init; } = 3;

    /// <summary>
    /// Re-rank the fetched chunks by their best sentence's score against the question. A question
    /// usually targets one sentence, and a whole-chunk vector or BM25 over the whole chunk dilutes that.
    /// </summary>
    public bool RerankBySentence { get; init; } = true;

    /// <summary>
    /// Below this query-chunk cosine similarity for the best chunk, the collection is taken to have
    /// nothing on the question and the specialist fails instead of quoting something unrelated.
    /// </summary>
    public double SimilarityFloor { get; init; } = 0.2;

    /// <summary>A further sentence joins the answer only if it scores at least this share of the best sentence.</summary>
    public double RelativeSentenceThreshold { get; init; } = 0.75;

    /// <summary>Weight of embedding similarity in a sentence's score; the rest is keyword overlap with the question.</summary>
    public double SentenceSemanticWeight { get; init; } = 0.6;

    /// <summary>Sentence embeddings remembered across questions for passages without vectors stored at ingest (about 1.5 KB each with MiniLM); 0 disables the cache.</summary>
    public int SentenceVectorCacheSize { get; init; } = 10_000;

    /// <summary>Citation snippets are cut to this many characters.</summary>
    public int CitationSnippetChars { get; init; } = 300;
}
