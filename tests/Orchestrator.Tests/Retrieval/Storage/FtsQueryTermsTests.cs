using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// <see cref="FtsQuery.Terms"/> scans by hand instead of with a regex; its words must be exactly the
/// ones the regex <c>[\p{L}\p{N}]+</c> found, lower-cased and without stop words, on any input.
/// </summary>
public sealed partial class FtsQueryTermsTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "   \t\n ",
        "How many vacation days do I get?",
        "THE And OR of: AND, NEAR, *, ^, column:filter (parentheses)",
        "İstanbul İ I ı straße STRASSE Ὀδυσσεύς ǅemal",          // Turkish dotted I, sharp s, Greek, titlecase letter
        "x² ½ Ⅻ ٣٤ ४२ 12,5% v2.0 COVID-19",                      // other numbers, letter numbers, Arabic-Indic and Devanagari digits
        "e\u0301cole cafe\u0301 na\u0308ive",                      // combining marks split words, as they do in the regex
        "emoji 😀 inside wo😀rd and 𝐀𝐁 math letters",             // surrogate pairs are neither letters nor digits per UTF-16 unit
        "日本語のテキストと中文文本",
        "\u0000null\u0000bytes\uFFFFand\uFFFEnon-chars",
        new string('A', 63) + " " + new string('b', 64) + " " + new string('C', 65) + " THE" + new string('E', 200),
        "tab\tseparated\u00A0nbsp\u2028line\u2029para",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Terms_are_the_regex_words_lower_cased_without_stop_words(string text) =>
        Assert.Equal(Oracle(text), FtsQuery.Terms(text));

    [Fact]
    public void Random_text_over_a_mixed_alphabet_gives_the_regex_words()
    {
        const string alphabet = "aAbZ09 ,.-_'\"İıßΣσ日²Ⅻ\u0301\u00A0\t😀THEandOr";
        var random = new Random(14);
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 120);
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var value = text.ToString();
            Assert.Equal(Oracle(value), FtsQuery.Terms(value));
        }
    }

    [Fact]
    public void Huge_input_is_scanned_without_error()
    {
        var text = string.Concat(Enumerable.Repeat("vacation policy, the days off; ", 20_000));
        var terms = FtsQuery.Terms(text);
        Assert.Equal(Oracle(text), terms);
        Assert.Equal(80_000, terms.Count);
    }

    [Fact]
    public void Null_is_refused() => Assert.Throws<ArgumentNullException>(() => FtsQuery.Terms(null!));

    [Fact]
    public void Build_still_quotes_every_term_and_drops_syntax()
    {
        Assert.Equal("\"near\" \"column\" \"filter\"", FtsQuery.Build("NEAR column:filter*")!.Replace(" OR", "", StringComparison.Ordinal));
        Assert.Null(FtsQuery.Build("the and of ?!"));
    }

    /// <summary>The implementation before: regex words, lower-cased, stop words dropped.</summary>
    private static List<string> Oracle(string text)
    {
        var stopWords = StopWordsOf();
        return [.. Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(t => !stopWords.Contains(t))];
    }

    /// <summary>A copy of FtsQuery's stop words, so the oracle does not depend on the code under test.</summary>
    private static HashSet<string> StopWordsOf() => new(
        ["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "is", "are", "was",
         "were", "be", "been", "it", "its", "as", "that", "this", "what", "which", "who", "whom", "how", "when",
         "where", "why", "do", "does", "did", "from", "into", "than", "then", "there", "their", "they", "he",
         "she", "his", "her", "i", "you", "we", "my", "your", "our", "can", "could", "would", "should", "has",
         "have", "had", "not", "no", "so", "if", "but", "about", "s"],
        StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
