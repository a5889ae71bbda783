namespace Orchestrator.Guardian.Rails;

/// <summary>
/// What a turn means in its conversation, for the input rail: the question a follow-up completes to
/// (what retrieval and the router act on: "and a P3?" → "What is the response time for a P3 ticket?")
/// and the conversation's recent user turns joined with this one (what a model reading the history acts
/// on), and those earlier user turns one by one, so a turn that leans on them can be judged with each
/// undiluted. The pipeline builds it from the request's history; all are empty on a conversation's first turn.
/// </summary>
/// <param name="CompletedQuestion">The follow-up completed from earlier user turns; null when the turn stands on its own.</param>
/// <param name="Conversation">The last few earlier user turns and this one, joined and bounded in length; null when there are none.</param>
public sealed record InputContext(string? CompletedQuestion, string? Conversation)
{
    /// <summary>A first turn: the turn is all there is to judge.</summary>
    public static InputContext None { get; } = new(null, null);

    /// <summary>
    /// The earlier user turns of <see cref="Conversation"/>, oldest first, each bounded in length: a turn
    /// that leans on earlier turns is also judged with the turns it leans on taken one by one, since
    /// joining them with a short follow-up dilutes a harmful request under the threshold.
    /// </summary>
    public IReadOnlyList<string> EarlierTurns { get; init; } = [];

    /// <summary>True when there is nothing besides the turn to judge.</summary>
    public bool IsEmpty => CompletedQuestion is null && Conversation is null && EarlierTurns.Count == 0;
}
