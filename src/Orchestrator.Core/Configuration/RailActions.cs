namespace Orchestrator.Configuration;

/// <summary>What a rail does when its check fires.</summary>
public static class RailActions
{
    /// <summary>Refuse: the question is not answered / the answer is withheld, and nothing goes to the cloud.</summary>
    public const string Block = "block";

    /// <summary>Skip (or withhold) the local answer and escalate with reason guardian_failed.</summary>
    public const string Escalate = "escalate";

    /// <summary>Replace what was found (PII placeholders) and go on.</summary>
    public const string Redact = "redact";

    /// <summary>Record the finding in the response and go on.</summary>
    public const string Flag = "flag";

    /// <summary>Retrieval: remove the passage silently (still recorded).</summary>
    public const string Drop = "drop";

    /// <summary>Retrieval: remove the passage and list it in the response's guardian.quarantined.</summary>
    public const string Quarantine = "quarantine";

    public static IReadOnlyList<string> ForInput { get; } = [Block, Escalate, Redact, Flag];

    public static IReadOnlyList<string> ForRetrieval { get; } = [Drop, Quarantine, Flag];

    public static IReadOnlyList<string> ForOutput { get; } = [Block, Escalate, Redact, Flag];

    public static IReadOnlyList<string> InputChecks { get; } = ["injection", "harm", "pii"];

    public static IReadOnlyList<string> RetrievalChecks { get; } = ["injection"];

    /// <summary>The three rail points, in the order a request meets them.</summary>
    public static IReadOnlyList<string> Points { get; } = ["input", "retrieval", "output"];

    /// <summary>
    /// How strong an action is, for combining an agent's rails with the global ones: block over
    /// escalate over the actions that change what goes on (redact; drop and quarantine, which both
    /// remove a passage) over flag. Unknown actions rank lowest.
    /// </summary>
    public static int Strength(string action) => action switch
    {
        Block => 4,
        Escalate => 3,
        Redact or Drop or Quarantine => 2,
        Flag => 1,
        _ => 0,
    };
}
