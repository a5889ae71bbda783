namespace Orchestrator.Retrieval.QueryRewriting;

/// <summary>
/// The query a follow-up is searched with, and the name it put in place of the previous turn's
/// ("Oslo" in "What is the hotel cap in Oslo?" after "... in Zurich?"), so retrieval can look for
/// the catch-all ("all other cities") when the collection never names it.
/// </summary>
/// <param name="Query">The message itself when it stands on its own, else the self-contained rewrite.</param>
/// <param name="Entity">The name-like slot the rewrite substituted; null when none.</param>
internal sealed record FollowUpRewrite(string Query, string? Entity)
{
    /// <summary>The rewrite with the substituted name replaced by "all other", the wording policies use for whatever they do not list.</summary>
    public string? CatchAll() =>
        Entity is { Length: > 0 } entity && Query.Contains(entity, StringComparison.Ordinal)
            ? Query.Replace(entity, "all other", StringComparison.Ordinal)
            : null;
}
