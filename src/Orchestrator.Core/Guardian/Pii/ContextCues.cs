namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Words that, shortly before a number, say what it is ("Phone:", "card", "SSN", "born"). Shapes
/// that are ambiguous on their own (a bare 10-digit number, 9 digits, a 12-digit Luhn number, a
/// date) count as PII only after such a cue, which keeps ids, amounts and timestamps in ordinary
/// text from being redacted.
/// </summary>
internal static class ContextCues
{
    public static readonly string[] Phone =
        ["phone", "tel", "telephone", "mobile", "cell", "fax", "desk", "call", "calling", "text me", "sms", "whatsapp", "ring", "dial", "reach me", "contact", "landline", "ph", "mob", "answering", "phoned", "texted", "voicemail"];

    /// <summary>Words that say a number is something other than a phone number (a licence, an order).</summary>
    public static readonly string[] NotPhone =
        ["license", "licence", "account", "order", "invoice", "ticket", "reference", "ref", "id", "passport", "policy", "tracking", "serial", "case", "claim", "member", "customer no", "isbn", "zip", "postcode", "postal"];

    public static readonly string[] Card =
        ["card", "cc", "credit", "debit", "visa", "mastercard", "amex", "maestro", "discover", "jcb", "pan"];

    public static readonly string[] Ssn = ["ssn", "social security", "ss#", "ss no", "social", "tin", "taxpayer"];

    public static readonly string[] BirthDate = ["born", "birth", "dob", "d.o.b", "d.o.b.", "birthday", "birthdate"];

    public static readonly string[] Passport = ["passport"];

    /// <summary>True when a cue word ends within <paramref name="window"/> characters before <paramref name="start"/>, on the same line.</summary>
    public static bool Before(string text, int start, string[] cues, int window = 32)
    {
        var from = Math.Max(0, start - window);
        var newline = text.LastIndexOf('\n', Math.Max(0, start - 1), start - from);
        if (newline >= from && !LabelLineBefore(text, newline))
        {
            from = newline + 1;
        }

        var before = text[from..start].ToLowerInvariant();
        foreach (var cue in cues)
        {
            for (var at = before.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = before.IndexOf(cue, at + 1, StringComparison.Ordinal))
            {
                var startsWord = at == 0 || !char.IsLetter(before[at - 1]);
                var endsWord = at + cue.Length == before.Length || !char.IsLetter(before[at + cue.Length]);
                if (startsWord && endsWord)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"Phone:\n467 3395": the line before ends with a colon, so it labels the value below.</summary>
    private static bool LabelLineBefore(string text, int newline)
    {
        var i = newline - 1;
        while (i >= 0 && text[i] is ' ' or '\r' or '\t')
        {
            i--;
        }

        return i >= 0 && text[i] == ':';
    }
}
