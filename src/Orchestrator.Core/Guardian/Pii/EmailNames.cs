namespace Orchestrator.Guardian.Pii;

/// <summary>
/// A capitalised run whose words spell the local part of an e-mail address in the same text
/// ("Will Brown … will.brown@example.org", "Juhani Pyysalo … JuhaniPyysalo@…") is the person the
/// address belongs to, even when its words are ordinary ones.
/// </summary>
internal static class EmailNames
{
    private const int MaxEmails = 20;
    private const int MinWordLength = 3;

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        var locals = new List<string>();
        for (var m = PiiPatterns.Email().Match(text); m.Success && locals.Count < MaxEmails; m = m.NextMatch())
        {
            var at = m.Value.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                locals.Add(new string([.. m.Value[..at].Where(char.IsLetter)]).ToLowerInvariant());
            }
        }

        if (locals.Count == 0)
        {
            return;
        }

        var taken = new bool[text.Length];
        foreach (var span in found)
        {
            taken.AsSpan(span.Start, span.Length).Fill(true);
        }

        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var (a, b) = (tokens[i], tokens[i + 1]);
            if (!a.IsCapitalized || !b.IsCapitalized || a.Text.Length < MinWordLength || b.Text.Length < MinWordLength || text.AsSpan(a.End, b.Start - a.End) is not " "
                || taken.AsSpan(a.Start, b.End - a.Start).Contains(true))
            {
                continue;
            }

            var first = a.Text.ToLowerInvariant();
            var last = NameShapes.Bare(b.Text).ToLowerInvariant();
            if (locals.Exists(l => l.Contains(first, StringComparison.Ordinal) && l.Contains(last, StringComparison.Ordinal) && first.Length + last.Length >= l.Length * 0.6))
            {
                var end = b.Start + last.Length;
                found.Add(new PiiSpan(PiiType.Person, a.Start, end - a.Start, text[a.Start..end]) { Confidence = 0.85 });
                taken.AsSpan(a.Start, end - a.Start).Fill(true);
                i++;
            }
        }
    }
}
