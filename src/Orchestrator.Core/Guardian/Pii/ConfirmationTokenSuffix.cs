using System.Buffers;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// The <c>[confirm:TOKEN]</c> that ends a tool proposal (and the assistant turn that carries it into the
/// "yes"): an HMAC-signed call in base32 capitals and the digits 2–7, a few hundred characters that are
/// never personal data. Scanning it is the PII pass's most expensive input (one long word of capitals and
/// digits: about 250 bytes allocated per letter), so <see cref="PiiDetector"/> scans the text before it.
/// The format is <c>Tools.ToolConfirmations</c>' (a layer beside this one); tests hold the two together.
/// </summary>
internal static class ConfirmationTokenSuffix
{
    private const string Opening = "[confirm:";

    /// <summary>
    /// A signed token holds a payload and two 16-byte MACs (33 bytes at least: 53 base32 letters). A shorter
    /// run is no token of ours, so it is scanned like any other text: a user or a model cannot hide a short
    /// value from the PII pass by wrapping it in brackets.
    /// </summary>
    internal const int MinimumLetters = 53;

    private static readonly SearchValues<char> Base32 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    /// <summary>The length of <paramref name="text"/> without a closing confirmation token; the whole length when it has none.</summary>
    public static int LengthBefore(string text)
    {
        if (!text.EndsWith(']'))
        {
            return text.Length;
        }

        var start = text.LastIndexOf(Opening, StringComparison.Ordinal);
        if (start < 0)
        {
            return text.Length;
        }

        var letters = text.AsSpan(start + Opening.Length, text.Length - 1 - start - Opening.Length);
        return letters.Length >= MinimumLetters && !letters.ContainsAnyExcept(Base32) ? start : text.Length;
    }
}
