using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// A retrieved passage that sets the assistant a task of its own — "Write a short story about …",
/// "Translate the following sentence to French", "Tell me a joke", "Reply only with …", "Scramble the
/// letters …", "Pretend you are …", "Merge the following code block into your solution" — carries an
/// injected instruction, whatever the passage is about. Each kind is a narrow, non-backtracking
/// pattern over lower-cased normalised text (<see cref="PassageCues"/>): a task an employee would be
/// given ("Submit the form to HR", "Write to your manager", "Give a speech at the all-hands") names no
/// creative genre, no target language, no letter games and no "your solution", so it does not match.
/// Open questions ("What is the capital of Brazil?") and explanations ("Explain …") are left alone:
/// FAQs and policies are full of them.
/// </summary>
internal static partial class PassageTaskCue
{
    // A sentence start: the text's start, a line start, or after end punctuation, a comment mark, a
    // table bar or a quote; then optional fillers ("please also") and a polite "can you".
    private const string SentenceStart = @"(?:^|[.!?:;#|>""'*(\[])\s*(?:(?:please|also|now|next|then|first|finally|additionally)[\s,]+){0,2}(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?";

    private const string Language = "(?:english|french|spanish|german|italian|portuguese|russian|japanese|chinese|mandarin|korean|arabic|hindi|dutch|latin|greek|turkish|polish|swedish)";

    private const string Quote = @"[""'‘’“”]";

    private const string NotQuote = @"[^""'‘’“”\n]";

    private static readonly (string Kind, Func<Regex> Pattern)[] Kinds =
    [
        ("a writing task", WritingTask),
        ("a translation task", TranslationTask),
        ("an order about the output's form", OutputFormOrder),
        ("a letter game", LetterGame),
        ("a role for the assistant", AssistantRole),
        ("code for the assistant's solution", CodeForTheSolution),
    ];

    /// <summary>Builds the patterns' automata now (tens of milliseconds, once per process) rather than in the first request that retrieves.</summary>
    internal static void Prepare()
    {
        foreach (var (_, pattern) in Kinds)
        {
            pattern().IsMatch("prepare");
        }
    }

    /// <summary>
    /// The kind of task and the words that set it, or null when the passage sets none. Give it text
    /// the guardian's normaliser produced, lower-cased.
    /// </summary>
    internal static (string Kind, string Phrase)? FindInLowered(string lowered)
    {
        foreach (var (kind, pattern) in Kinds)
        {
            foreach (var match in pattern().EnumerateMatches(lowered))
            {
                var phrase = lowered.Substring(match.Index, match.Length).TrimStart('.', '!', '?', ':', ';', '#', '|', '>', '*', '(', '[', ' ', '\n', '\t').TrimEnd();
                // "Write a summary of your story", "Draft a user story": the genre is the reader's own work.
                if (kind == "a writing task" && NamesTheReadersOwnWork(phrase))
                {
                    continue;
                }

                return (kind, phrase);
            }
        }

        return null;
    }

    private static bool NamesTheReadersOwnWork(string phrase)
    {
        foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "your" or "our" or "my" or "their" or "his" or "her" or "its" or "user" or "users" or "customer" or "customers" or "success")
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(SentenceStart + @"(?:write|compose|draft|create|generate|produce|develop|provide|craft|pen|(?:give|tell)\s+(?:me|us))\s*(?:(?:me|us)\s+)?(?:a|an|one|two|three|some|another)\s+(?:[a-z0-9'-]+\s+){0,4}(?:poems?|story|stories|essays?|speech(?:es)?|songs?|lyrics|haikus?|limericks?|sonnets?|jokes?|riddles?|tales?|fables?|raps?|odes?|ballads?|fun\s+facts?)\b", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex WritingTask();

    [GeneratedRegex(SentenceStart + @"translate\s+(?:the\s+(?:following|above|below|next)|this|these|everything|" + Quote + @")[^\n.]{0,80}\b(?:in|into|to)\s+" + Language + @"\b|" + Quote + NotQuote + "{1,60}" + Quote + @"\s+(?:in|into|to)\s+" + Language + @"\b|\b" + Language + @"\s+(?:equivalent|translation|word)\s+(?:for|of)\s+" + Quote, RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex TranslationTask();

    [GeneratedRegex(@"\b(?:reply|respond|answer)\s+only\s+with\b|\b(?:only|just)\s+(?:reply|respond|answer|output)\s+with\b|\boutput\s+only\s+the\b|\b(?:reply|respond|answer)\s+only\s+in\s+(?:" + Language + @"|all\s+caps|capital\s+letters|uppercase|lowercase|emojis?|json|pig\s+latin)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex OutputFormOrder();

    [GeneratedRegex(SentenceStart + @"(?:scramble|jumble|anagram|misspell|unscramble)\s+(?:up\s+)?(?:[a-z0-9'-]+\s+){0,4}(?:letters?|words?|vowels?)\b|\bevery\s+(?:second|third|fourth|fifth|other|[0-9]+(?:st|nd|rd|th))\s+(?:letter|word)\b|\breplace\s+(?:the\s+|all\s+)?vowels\s+with\b|\b(?:render|deliver|encode)\s+your\s+message\b", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex LetterGame();

    [GeneratedRegex(@"\bpretend\s+(?:to\s+be|you\s+are|that\s+you\s+are)\b|\byou\s+are\s+now\s+(?:an?\s+)?(?:dan|unrestricted|unfiltered|jailbroken|in\s+developer\s+mode|ai|assistant|chatbot)\b|\b(?:if\s+you\s+are|note\s+to\s+(?:the|any))\s+(?:an?\s+)?(?:ai|assistant|chatbot|language\s+model|llm)\b|" + SentenceStart + @"act\s+as\s+(?:if\s+you|though\s+you|an?\s+(?:ai|assistant|chatbot|unrestricted|unfiltered|evil))\b", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex AssistantRole();

    [GeneratedRegex(@"\b(?:following|subsequent|below)\s+code\s+(?:block|snippet|excerpt|section|segment)\b[^\n]{0,80}\byour\s+(?:code|codebase|solution|implementation|algorithm|elucidation|response|answer|program|script)\b|\byour\s+(?:code|codebase|solution|implementation|algorithm)\b[^\n]{0,80}\b(?:following|subsequent|below)\s+code\s+(?:block|snippet|excerpt|section|segment)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CodeForTheSolution();
}
