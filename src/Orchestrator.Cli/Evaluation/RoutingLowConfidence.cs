using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// How the low-confidence flag (which escalates an accepted request) falls on the accepted test
/// requests: a useful flag marks the misroutes and the out-of-scope requests that slipped through,
/// and few of the requests that went to their own route.
/// </summary>
public sealed record RoutingLowConfidence(
    [property: JsonPropertyName("correct")] int Correct,
    [property: JsonPropertyName("correct_flagged")] int CorrectFlagged,
    [property: JsonPropertyName("misrouted")] int Misrouted,
    [property: JsonPropertyName("misrouted_flagged")] int MisroutedFlagged,
    [property: JsonPropertyName("out_of_scope_accepted")] int OutOfScopeAccepted,
    [property: JsonPropertyName("out_of_scope_accepted_flagged")] int OutOfScopeAcceptedFlagged)
{
    /// <summary>Counts one accepted request by whether it was right, wrong or out of scope, and whether it was flagged.</summary>
    public RoutingLowConfidence Add(bool goldOutOfScope, bool correct, bool flagged) => goldOutOfScope
        ? this with { OutOfScopeAccepted = OutOfScopeAccepted + 1, OutOfScopeAcceptedFlagged = OutOfScopeAcceptedFlagged + (flagged ? 1 : 0) }
        : correct
            ? this with { Correct = Correct + 1, CorrectFlagged = CorrectFlagged + (flagged ? 1 : 0) }
            : this with { Misrouted = Misrouted + 1, MisroutedFlagged = MisroutedFlagged + (flagged ? 1 : 0) };
}
