using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// The retrieval rail's cues for an instruction inside a passage, run on one normalisation: a
/// passage that speaks to the assistant about its answer (<see cref="PassageInstructionCue"/>) or
/// sets the assistant a task of its own (<see cref="PassageTaskCue"/>). Only for passages and for
/// documents pasted into a question (the injection classifier's document rule): a user may well write
/// "your answer" or "Write a poem".
/// </summary>
internal static class PassageCues
{
    /// <summary>What the passage says to the assistant, quoting the words found, or null when it says nothing.</summary>
    public static string? Describe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DescribeLowered(GuardianTextNormalizer.Normalize(text).Text.ToLowerInvariant());
    }

    /// <summary>As <see cref="Describe"/>, for text the caller already normalised and lower-cased (the classifier's features).</summary>
    public static string? DescribeLowered(string lowered)
    {
        if (PassageInstructionCue.FindInLowered(lowered) is { } phrase)
        {
            return $"passage addresses the assistant's answer (\"{phrase}\")";
        }

        return PassageTaskCue.FindInLowered(lowered) is { } task
            ? $"passage sets the assistant {task.Kind} (\"{task.Phrase}\")"
            : null;
    }
}
