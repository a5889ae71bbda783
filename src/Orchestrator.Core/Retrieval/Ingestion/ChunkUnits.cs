using Orchestrator.Retrieval.Answers;
using Orchestrator.TextUnits;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// The texts of a chunk that requests compare against, and so get a vector at ingest: the
/// groundedness check's units (<see cref="ComparisonUnits"/>) and the sentences answers may quote
/// (<see cref="AnswerSentences"/>), each once. Both are computed by the very functions the request
/// path calls on the stored chunk text and locator, so a stored vector is found by exact text.
/// </summary>
internal static class ChunkUnits
{
    public static IReadOnlyList<string> Of(string text, string locator) =>
        ComparisonUnits.Of(text).Units
            .Concat(AnswerSentences.FromChunk(text, locator))
            .Where(u => !string.IsNullOrWhiteSpace(u))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
