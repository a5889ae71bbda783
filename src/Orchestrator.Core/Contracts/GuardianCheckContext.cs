
namespace Orchestrator;

/// <summary>What every check sees: the original answer, never another check's rewrite of it.</summary>
public sealed record GuardianCheckContext(string Question, string Answer, IReadOnlyList<Passage> Evidence);
