using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Normalization;

/// <summary>
/// One normalisation for every guardian check, so an attacker cannot slip past a check by
/// writing "ｉｇｎｏｒｅ" in full-width letters, by splitting a word with zero-width spaces, by mixing
/// Cyrillic look-alikes into Latin words, or by wrapping the instruction in base64. The work is
/// bounded: the input is capped before anything else runs (head and tail kept, because injected
/// instructions often sit at the end of a document), and at most a few base64 runs are decoded.
/// </summary>
public static partial class GuardianTextNormalizer
{
    /// <summary>Characters inspected by default: enough for any question or answer, bounded for hostile input.</summary>
    public const int DefaultMaxChars = 8000;

    private const int MaxDecodedRuns = 4;
    private const int MinBase64Run = 20;

    public static NormalizedText Normalize(string? text, int maxChars = DefaultMaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 64);
        text ??= string.Empty;
        var truncated = text.Length > maxChars;
        if (truncated)
        {
            // Cap before NFKC (whose cost grows with length); keep the head and the tail.
            var head = maxChars * 3 / 4;
            text = string.Concat(text.AsSpan(0, head), "\n", text.AsSpan(text.Length - (maxChars - head)));
        }

        // Lone surrogates are dropped first: they are never readable text and break normalisation.
        var folded = DropLoneSurrogates(text);
        try
        {
            folded = folded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Left as is: the full-width fold below still applies.
        }

        var builder = new StringBuilder(folded.Length);
        var hidden = 0;
        foreach (var c in folded)
        {
            if (IsHidden(c))
            {
                hidden++;
                continue;
            }

            // Full-width ASCII and the ideographic space, folded here too because NFKC is a no-op
            // where the runtime runs with invariant globalization.
            builder.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }

        var cleaned = Word().Replace(builder.ToString(), m => Confusables.FoldMixedScript(m.Value));
        var decoded = 0;
        var appended = new StringBuilder();
        foreach (Match run in Base64Run().Matches(cleaned))
        {
            if (decoded >= MaxDecodedRuns)
            {
                break;
            }

            if (TryDecodeBase64(run.Value, out var plain))
            {
                decoded++;
                appended.Append('\n').Append(plain);
            }
        }

        return new NormalizedText(decoded > 0 ? cleaned + appended : cleaned, truncated, hidden, decoded);
    }

    /// <summary>Zero-width characters, bidi controls, soft hyphens and other format characters a reader never sees.</summary>
    internal static bool IsHidden(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u180E' or '\uFEFF'
        || c is >= '\u200B' and <= '\u200F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2060' and <= '\u206F'
        || c is >= '\uFE00' and <= '\uFE0F'
        || (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    private static bool TryDecodeBase64(string run, out string plain)
    {
        plain = string.Empty;
        var padded = run.TrimEnd('=');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var buffer = new byte[padded.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written == 0)
        {
            return false;
        }

        string decodedText;
        try
        {
            decodedText = new UTF8Encoding(false, true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // Only readable text counts: random identifiers also look like base64.
        var printable = decodedText.Count(ch => !char.IsControl(ch) || ch is '\n' or '\r' or '\t');
        var letters = decodedText.Count(char.IsLetter);
        if (printable < decodedText.Length * 0.95 || letters < decodedText.Length * 0.5)
        {
            return false;
        }

        plain = decodedText;
        return true;
    }

    private static string DropLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Za-z0-9+/]{20,}={0,2}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Base64Run();
}
