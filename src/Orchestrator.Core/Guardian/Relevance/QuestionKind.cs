using Orchestrator.Guardian.Groundedness;
using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Relevance;

/// <summary>What kind of content a question asks for, read from its question words.</summary>
internal enum QuestionKind
{
    Open,
    Person,
    Time,
    Quantity,
    Place,
}

/// <summary>Reads a question's kind and tells whether an answer holds content of that kind.</summary>
internal static partial class QuestionKinds
{
    public static QuestionKind Of(string question)
    {
        var q = question.ToLowerInvariant();
        return true switch
        {
            _ when HowMuch().IsMatch(q) => QuestionKind.Quantity,
            _ when WhenLike().IsMatch(q) => QuestionKind.Time,
            _ when Who().IsMatch(q) => QuestionKind.Person,
            _ when Where().IsMatch(q) => QuestionKind.Place,
            _ => QuestionKind.Open,
        };
    }

    /// <summary>True when the answer holds the kind of content asked for (any answer does for an open question).</summary>
    public static bool Answers(QuestionKind kind, string question, string answer) => kind switch
    {
        QuestionKind.Quantity => Quantity().IsMatch(answer),
        QuestionKind.Time => TimeExpression().IsMatch(answer),
        QuestionKind.Person or QuestionKind.Place => NewName(question, answer),
        _ => true,
    };

    /// <summary>A capitalised word (not the first of the answer) that the question does not already name.</summary>
    private static bool NewName(string question, string answer)
    {
        var asked = new HashSet<string>(NameWord().Matches(question).Select(m => m.Value), StringComparer.OrdinalIgnoreCase);
        return NameWord().Matches(answer).Any(m => m.Index > 0 && !asked.Contains(m.Value) && !Stopwords.Contains(m.Value.ToLowerInvariant()));
    }

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\b(how (many|much|long|old|far|big|large|tall|high|often|fast|heavy)|what (percentage|percent|proportion|number|amount|fraction|share))\b", Options)]
    private static partial Regex HowMuch();

    [GeneratedRegex(@"^\W*(when\b)|\b(what|which|in what|in which) (year|years|date|day|month|century|decade|time|period|era)\b", Options)]
    private static partial Regex WhenLike();

    [GeneratedRegex(@"^\W*(who|whom|whose)\b|\bwho (is|was|were|are|did|does)\b", Options)]
    private static partial Regex Who();

    [GeneratedRegex(@"^\W*where\b|\b(what|which|in what|in which) (city|country|state|place|town|region|continent|location|county|province|island|river|street)\b", Options)]
    private static partial Regex Where();

    [GeneratedRegex(@"[0-9]|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|twice|once|several|few|many|most|all|none|single|double|triple|percent)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2}|[0-9]{1,4}s|[0-9]{1,2}(st|nd|rd|th) century)\b|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|century|centuries|decade|decades|year|years|month|months|week|weeks|day|days|today|yesterday|tomorrow|ago|since|until|after|before|during|era|age|period|dynasty|reign|daily|weekly|annually|morning|evening|night|noon|midnight)\b|[0-9]{1,2}:[0-9]{2}", Options | RegexOptions.IgnoreCase)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\p{Lu}[\p{L}'\-]+", Options)]
    private static partial Regex NameWord();
}
