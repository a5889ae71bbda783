namespace Orchestrator.Configuration;

/// <summary>
/// Spelling correction before routing (<c>router.typos</c>): misspelled words are replaced by the
/// likeliest known word, so "how mnay vacaton days" routes like "how many vacation days".
/// </summary>
public sealed class TyposConfig
{
    /// <summary>Correct the request before it is routed.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Retrieval agents also search with the corrected text (recorded as the response's <c>retrieval_query</c>).</summary>
    public bool Retrieval { get; init; } = true;
}
