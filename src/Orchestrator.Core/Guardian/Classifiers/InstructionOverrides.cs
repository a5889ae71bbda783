using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// An explicit attempt to override the instructions the model was given: "ignore all previous instructions",
/// "disregard your hidden instructions", "override the system prompt". The injection head alone scored the
/// textbook case under its threshold (0.953 against 0.9755), so the document-instruction rule lifts it as it
/// lifts a planted line. Stricter than the override cue the head weighs: the instructions noun must follow the
/// determiner directly or through words about instructions ("all the previous", "your hidden"), and a noun
/// qualified after it ("the rules of the dress code", "any rules for expenses") is a question about rules, not
/// an override. On the shared data it matches 125 training attacks (garak, purplellama, gptfuzz) and no benign
/// text of 78,355 (every benign row of both guardian training files, CLINC150, Banking77, BFCL, XQuAD, WildGuard benign).
/// </summary>
internal static partial class InstructionOverrides
{
    public static bool In(string lowered)
    {
        foreach (var match in Pattern().EnumerateMatches(lowered))
        {
            var rest = lowered.AsSpan(match.Index + match.Length).TrimStart();
            if (!(rest.StartsWith("of ") || rest.StartsWith("for ") || rest.StartsWith("about ") || rest.StartsWith("regarding ") || rest.StartsWith("on ")))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|preceding|original|initial|all|your|system)(\s+(the|my|your|all|any|these|those|previous|prior|above|earlier|system|developer|safety|content|existing|other|original|initial|given|hidden|secret|internal))*\s+(instructions?|rules|prompts?|directions?|guidelines|messages?|restrictions|programming)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();
}
