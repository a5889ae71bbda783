using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Rails;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>A retrieval rail with only the shipped injection check, and passages to feed it, for the passage-cue tests.</summary>
internal static class RetrievalRail
{
    public static GuardianRails WithInjection(string action = RailActions.Quarantine)
    {
        var injection = new GuardianClassifier(ShippedClassifiers.Load(ShippedClassifiers.Injection), null);
        return new GuardianRails(new RailsConfig { Retrieval = new Dictionary<string, string> { [ShippedClassifiers.Injection] = action } }, [injection], new AnswerGuardian([]));
    }

    public static Passage PassageOf(string id, string text) => new() { ChunkId = id, Text = text, Source = $"knowledge/{id}.md", Locator = "1" };
}
