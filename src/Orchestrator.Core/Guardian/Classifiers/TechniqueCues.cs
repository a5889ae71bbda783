using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Cues that name an attack's <em>technique</em> rather than a source's wording: an instruction
/// override, a role reassignment, a fictional or hypothetical frame, a prompt-leak or secret request,
/// a forced reply prefix or a ban on warnings, refusal suppression, a harmful how-to ask, a many-shot
/// dialogue, a long encoded token and a repeated token. They feed only the <see cref="CueHead"/>, a
/// small logistic head over these and the <see cref="StructureCues"/> that cannot memorise a source's
/// wording the way the n-gram head can. Each value is about 0..1. The patterns use non-backtracking
/// regular expressions, so a hostile or huge text costs linear time.
/// </summary>
internal static partial class TechniqueCues
{
    public const int Count = 10;

    /// <summary>Below this many words a repeated token says nothing (short texts repeat "the").</summary>
    private const int RepeatMinWords = 20;

    public static float[] Compute(string lowered)
    {
        ArgumentNullException.ThrowIfNull(lowered);
        return
        [
            Saturate(Override().Count(lowered)),
            Saturate(RoleReassignment().Count(lowered)),
            Saturate(FictionFrame().Count(lowered)),
            Saturate(PromptLeak().Count(lowered)),
            Saturate(ForcedPrefix().Count(lowered)),
            Saturate(RefusalSuppression().Count(lowered)),
            Saturate(HarmfulHowTo().Count(lowered)),
            Math.Min(1f, (DialogueTurn().Count(lowered) + InlineTurn().Count(lowered)) / 6f),
            EncodedToken().IsMatch(lowered) ? 1f : 0f,
            RepeatedToken(lowered),
        ];
    }

    private static float Saturate(int count) => count == 0 ? 0f : Math.Min(1f, 0.5f + (0.25f * (count - 1)));

    /// <summary>One token making up a large share of a long text: the repeated-token attack ("poem poem poem …").</summary>
    private static float RepeatedToken(string lowered)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = 0;
        var top = 0;
        foreach (var range in lowered.AsSpan().Split(' '))
        {
            var word = lowered[range];
            if (word.Length == 0)
            {
                continue;
            }

            words++;
            var count = counts[word] = counts.GetValueOrDefault(word) + 1;
            top = Math.Max(top, count);
        }

        return words < RepeatMinWords || top < 15 ? 0f : Math.Min(1f, top / (float)words * 3f);
    }

    [GeneratedRegex(@"\b(ignore|disregard|forget( about)?|override|bypass|abandon|drop)\b[^.\n]{0,25}\b(all|everything|those|these|the|your|any|previous|prior|above|earlier)\b[^.\n]{0,40}\b(instructions?|rules?|prompts?|directions?|guidelines?|programming|training|restrictions?|said|told|filters?|polic(y|ies)|constraints?)\b|\bnew (instructions?|rules?|task)\s*:|\binstead,? (you (will|must|should)|say|write|print|output|respond)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Override();

    [GeneratedRegex(@"\b(you are (now |going to be )?(a|an|my|the) [^.\n]{0,60}\b(who|that|which) (always|never|will|can|doesn'?t|does not|has no)|act (like|as if)|play the (role|part)|let'?s play a game|simulate (a|an|being)|you (will|must|shall) (now )?(act|respond|answer|behave|pretend|roleplay|become)|(answer|respond) (as|like) (a|an|if)|two (different|separate) ways|jailbroken)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex RoleReassignment();

    [GeneratedRegex(@"\b(hypothetical(ly)?|imagine (a|that|we|you|yourself)|in a (fictional|hypothetical|fantasy|parallel|alternate) (world|universe|story|scenario|setting)|(for|in) (a|my|the|this) (novel|story|screenplay|script|movie|fictional|game)|purely (fictional|hypothetical)|suppose (we|you|that)|thought experiment|for (educational|research) purposes)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex FictionFrame();

    [GeneratedRegex(@"\b(system|initial|original|hidden|secret|confidential|internal) (prompt|instructions?|message|password|key|rules)\b|\byour (password|secret|instructions|system prompt|prompt|initial prompt|rules|configuration)\b|\b(repeat|print|show|reveal|output|tell me|display) [^.\n]{0,20}\b(words|text|instructions|prompt|everything) (above|before|you were given)\b|\bthe user'?s\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PromptLeak();

    [GeneratedRegex(@"\b(start|begin) (your|each|every|the) (response|reply|answer|output)s? (with|using|by)\b|\bsure,? here('s| is)\b|\bnever (ever )?(refuse|apologi[sz]e|say (no|sorry)|break character|mention|use the word)|\b(do not|don'?t|never) (include|add|give|provide) (any )?(warnings?|disclaimers?|notes?|caveats?|moral)|\b(without|no) (any )?(warnings?|disclaimers?|caveats?|moraliz)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ForcedPrefix();

    [GeneratedRegex(@"\b(even if|regardless of|no matter) [^.\n]{0,25}\b(illegal|unethical|immoral|harmful|dangerous|questionable|offensive|inappropriate)\b|\b(don'?t|do not) (worry|care) about\b|\bno (ethical|moral) (or moral )?(guidelines|constraints|boundaries|principles)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex RefusalSuppression();

    [GeneratedRegex(@"\b(how (to|do i|can i|would i|could i)|step[- ]by[- ]step|instructions (for|on|to)|tutorial|guide|write (a|an)|explain how|detailed plan|develop a (plan|strategy)|create a)\b[^\n]{0,80}\b(bomb|explosive|weapon|gun|hack(ing)?|malware|ransomware|virus|keylogger|steal|theft|drugs?|meth|heroin|cocaine|kill|murder|poison|counterfeit|launder(ing)?|fraud|scam|phishing|blackmail|extort|suicide|self-harm|terror|racist|defamatory|harass|stalk|evade|bypass security|illegal(ly)?|smuggl)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HarmfulHowTo();

    [GeneratedRegex(@"^\s*(q|a|question|answer|user|human|assistant|ai|bot)\s*:", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex DialogueTurn();

    [GeneratedRegex(@"\b(q|a):\s", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex InlineTurn();

    [GeneratedRegex(@"[a-z0-9+/]{24,}={0,2}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EncodedToken();
}
