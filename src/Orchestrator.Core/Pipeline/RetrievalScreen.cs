using Orchestrator.Guardian.Rails;

namespace Orchestrator.Pipeline;

/// <summary>
/// The retrieval rail as the retrieval specialist applies it at search time
/// (<see cref="SpecialistRequest.ScreenPassages"/>), so a passage carrying instructions is removed
/// before the answer writer, a repair or the cloud prompt can read it. It remembers what it checked
/// and removed for the response; a repeated search (the model's query rewrite, a repair) records a
/// removed passage once.
/// </summary>
internal sealed class RetrievalScreen(GuardianRails rails)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _screened = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quarantinedIds = new(StringComparer.Ordinal);
    private readonly HashSet<GuardianCheckResult> _recordedChecks = [];
    private readonly List<GuardianCheckResult> _pendingChecks = [];
    private readonly List<QuarantinedPassageInfo> _pendingQuarantined = [];

    public async Task<IReadOnlyList<Passage>> ScreenAsync(IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        var outcome = await rails.CheckPassagesAsync(passages, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var passage in passages)
            {
                _screened.Add(passage.ChunkId);
            }

            _pendingChecks.AddRange(outcome.Checks.Where(_recordedChecks.Add));

            _pendingQuarantined.AddRange(outcome.Quarantined.Where(q => _quarantinedIds.Add(q.ChunkId)));
        }

        return outcome.Kept;
    }

    /// <summary>True when this passage already went through the rail at search time.</summary>
    public bool WasScreened(Passage passage)
    {
        lock (_gate)
        {
            return _screened.Contains(passage.ChunkId);
        }
    }

    /// <summary>The checks and removals recorded since the last call, added to <paramref name="record"/>.</summary>
    public RailRecord DrainInto(RailRecord record)
    {
        lock (_gate)
        {
            var updated = record.Add(_pendingChecks, _pendingQuarantined);
            _pendingChecks.Clear();
            _pendingQuarantined.Clear();
            return updated;
        }
    }
}
