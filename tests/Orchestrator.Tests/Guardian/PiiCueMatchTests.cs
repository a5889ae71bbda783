using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// <see cref="PersonCues.EndsWithCue"/> compares in place now (perf23) instead of lowering a copy of the
/// text before every word; each answer must be the one the former copy-and-lower code gave.
/// </summary>
public sealed class PiiCueMatchTests
{
    private static readonly string[] Cues = ["lives at", "address:", "address", "corner of", "name is", "dr", "ms.", "straße", "i̇stanbul"];

    // Letters that change under invariant lower-casing, white space of several kinds, a surrogate pair with
    // a lower-case form (Deseret), a lone surrogate, the dotted capital I, and cue words themselves.
    private static readonly string[] Pieces =
    [
        "Lives", "LIVES", "at", "AT", "Address", "ADDRESS:", "address:", "corner", "OF", "Name", "IS", "Dr", "MS.", "Straße", "STRASSE",
        "İstanbul", "İSTANBUL", "\U00010400", "\uD800", "é", "É", "x", "7", " ", "  ", "\t", "\n", "\r\n", "\u00A0", ".", ",", ":",
    ];

    [Fact]
    public void Every_answer_equals_the_former_lower_cased_copy()
    {
        var random = new Random(23);
        for (var round = 0; round < 3_000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var window = random.Next(0, 40);
            for (var start = 0; start <= text.Length; start++)
            {
                Assert.Equal(Former(text, start, Cues, window), PersonCues.EndsWithCue(text, start, Cues, window));
            }
        }
    }

    [Theory]
    [InlineData("She LIVES AT ", true)]
    [InlineData("She delives at ", false)]
    [InlineData("Home ADDRESS:\t", true)]
    [InlineData("lives at\n", false)]
    [InlineData("", false)]
    public void Finds_a_cue_whatever_its_case_as_whole_words_on_the_same_line(string before, bool expected)
    {
        var text = before + "221 Baker Street";
        Assert.Equal(expected, PersonCues.EndsWithCue(text, before.Length, Cues, window: 32));
        Assert.Equal(Former(text, before.Length, Cues, 32), PersonCues.EndsWithCue(text, before.Length, Cues, window: 32));
    }

    /// <summary>The implementation this replaces, verbatim.</summary>
    private static bool Former(string text, int start, IEnumerable<string> cues, int window)
    {
        var from = Math.Max(0, start - window);
        var newline = text.LastIndexOf('\n', Math.Max(0, start - 1), start - from);
        var before = text[Math.Max(from, newline + 1)..start].TrimEnd().ToLowerInvariant();
        foreach (var cue in cues)
        {
            if (before.EndsWith(cue, StringComparison.Ordinal)
                && (before.Length == cue.Length || !char.IsLetter(before[before.Length - cue.Length - 1])))
            {
                return true;
            }
        }

        return false;
    }
}
