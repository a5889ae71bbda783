namespace Orchestrator.TextUnits;

/// <summary>
/// The crude stem two follow-up checks share to tell whether a word was already said: "days" and
/// "day", "admins" and "administrators", "weekends" and "weekend" match; shorter words ("p3", "10")
/// must match whole. Crude on purpose: it only has to say "the user already wrote this", not parse.
/// </summary>
internal static class WordStem
{
    private const int StemLength = 4;

    /// <summary>The first four letters agree, or, when either word is shorter, the whole words do (ordinal, so pass lower-case words).</summary>
    public static bool Same(string a, string b) =>
        a.Length >= StemLength && b.Length >= StemLength
            ? string.CompareOrdinal(a, 0, b, 0, StemLength) == 0
            : string.Equals(a, b, StringComparison.Ordinal);
}
