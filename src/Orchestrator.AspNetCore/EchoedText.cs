namespace Orchestrator.AspNetCore;

/// <summary>Client text quoted back in an error message: cut short so a hostile value cannot bloat the reply, and always serialisable.</summary>
internal static class EchoedText
{
    private const int MaxChars = 64;

    /// <summary>
    /// At most 64 characters; control characters and surrogates become '?', since a cut through a
    /// surrogate pair (or a lone surrogate from the client) is text JSON cannot encode.
    /// </summary>
    public static string Shorten(string text)
    {
        var kept = text.Length <= MaxChars ? text : text[..MaxChars];
        var clean = string.Create(kept.Length, kept, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) || char.IsSurrogate(c) ? '?' : c;
            }
        });
        return text.Length <= MaxChars ? clean : clean + "…";
    }
}
