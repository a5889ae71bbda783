
namespace Orchestrator;

public sealed record GuardianRequest(string Question, string Answer, IReadOnlyList<Passage> Evidence, IReadOnlyList<string> Checks);
