using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Rails;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>The input rail with the shipped injection model alone, set to block: what a pasted document meets.</summary>
internal static class ShippedInjectionRail
{
    public static GuardianRails Create()
    {
        var injection = new GuardianClassifier(ShippedClassifiers.Load(ShippedClassifiers.Injection), null);
        return new GuardianRails(new RailsConfig { Input = new Dictionary<string, string> { [ShippedClassifiers.Injection] = RailActions.Block } }, [injection], new AnswerGuardian([]));
    }

    /// <summary>The injection check's result for <paramref name="question"/> as a first turn.</summary>
    public static async Task<GuardianCheckResult> CheckAsync(string question) =>
        Assert.Single((await Create().CheckInputAsync(question)).Checks);
}
