using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// "Paris and London are tier 1 cities", "Sydney is the largest city in Australia": a name-like word that the sentence
/// itself calls a city, a country or a town is the place. The subject (with a short list of others joined by commas,
/// "and" or "or") is followed by a form of "be" and, after at most three short modifiers, the place noun; a verb in
/// between ("Paris is visiting the city") breaks the pattern, so a person doing something in a city stays a person.
/// </summary>
internal static partial class PlaceNounAfter
{
    private const int Window = 120;

    public static bool Follows(string text, int end)
    {
        var length = Math.Min(Window, text.Length - end);
        return length > 0 && PlaceNoun().IsMatch(text.AsSpan(end, length));
    }

    [GeneratedRegex(
        @"^(?:\s*,\s*[A-Z][\p{L}-]*(?:\s[A-Z][\p{L}-]*)?|\s+(?:and|or)\s+[A-Z][\p{L}-]*(?:\s[A-Z][\p{L}-]*)?){0,6}\s+(?:is|are|was|were|remains?)\s+(?:(?:a|an|the|our|its|their|one|two|three|tier|\d{1,3}|big|biggest|major|large|largest|main|capital|european|asian|American|European|Asian|american|key|important|popular|busy|busiest|expensive|other)\s+){0,3}(?:cities|city|capitals|capital|countries|country|towns|town|hubs|hub|destinations|destination|regions|region|states|state|provinces|province|locations|location)\b",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceNoun();
}
