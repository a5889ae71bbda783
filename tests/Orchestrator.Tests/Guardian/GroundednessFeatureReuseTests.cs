using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.TextUnits;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// The groundedness features are computed without per-match strings (span enumeration, a stack
/// buffer for lower-casing) and a passage's features are kept beside its text: both must give
/// exactly what the string-per-match code gave, and the same text instance must not be re-analysed.
/// </summary>
public sealed partial class GroundednessFeatureReuseTests
{
    public static TheoryData<string> Texts => new()
    {
        "Tesla moved to New York in 1884. He worked for Thomas Edison's company for 1,200 dollars a week.",
        "The firm's revenue rose 12.5% to $3,400,000 in 2019; O’Brien’s team grew by 40 percent.",
        "Ünïcödé Wörds like Ärzte, İstanbul and ΣΟΦΙΑ sit beside CAPS and it's/they're contractions.",
        "'quoted' -dashed- words--and a hyphenated-compound plus the years 1,000,000.75 and 007.",
        string.Concat(Enumerable.Repeat("Supercalifragilistic", 5)) + "'s long-word " + new string('9', 80) + " 1," + new string('2', 70),
        "",
        "   ",
        "Pounds, euros, USD, pct, per-cent: £5 €6 $7 8%.",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Key_terms_and_numbers_equal_the_string_per_match_code(string text)
    {
        Assert.Equal(ReferenceKeyTerms(text).Order(StringComparer.Ordinal), TextFeatures.KeyTerms(text).Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceNumbers(text).Order(), TextFeatures.Numbers(text).Order());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Anchors_equal_the_string_per_match_code(string text)
    {
        var anchors = Anchors.Of(text);
        var (tokens, words) = ReferenceTokens(text);

        Assert.Equal(tokens, anchors.Tokens.Select(t => (t.Key, t.Number, t.Capitalized, t.First)).ToList());
        Assert.Equal(words.Order(StringComparer.Ordinal), anchors.Words.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_passage_text_is_analysed_once_and_shared()
    {
        var passage = new Passage { ChunkId = "c", Source = "s", Locator = "1", Text = "Tesla moved to New York in 1884. He worked for Thomas Edison." };

        var first = PassageFeatures.Of(passage);
        var second = PassageFeatures.Of(passage with { ChunkId = "other" }); // same text instance

        Assert.Same(first, second);
        Assert.Equal(ComparisonUnits.Of(passage.Text).Sentences, first.Sentences);
        Assert.Equal(2, first.SentenceAnchors.Count);
    }

    // The code before the change, kept here as the reference.
    private static HashSet<string> ReferenceKeyTerms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ReferenceWord().Matches(text))
        {
            var word = m.Value.ToLowerInvariant().Replace("'s", string.Empty, StringComparison.Ordinal).Trim('\'', '-');
            if (word.Length >= 3 && !Stopwords.Contains(word))
            {
                terms.Add(TextFeatures.Stem(word));
            }
        }

        return terms;
    }

    private static HashSet<decimal> ReferenceNumbers(string text)
    {
        var numbers = new HashSet<decimal>();
        foreach (Match m in ReferenceNumber().Matches(text))
        {
            if (decimal.TryParse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add(value / 1.000000000000000000000000000000000m);
            }
        }

        return numbers;
    }

    private static (List<(string Key, decimal? Number, bool Capitalized, bool First)> Tokens, HashSet<string> Words) ReferenceTokens(string text)
    {
        var tokens = new List<(string, decimal?, bool, bool)>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        foreach (Match m in ReferenceToken().Matches(text))
        {
            var raw = m.Value;
            if (char.IsAsciiDigit(raw[0]))
            {
                var plain = raw.Replace(",", string.Empty, StringComparison.Ordinal);
                var value = decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v / 1.000000000000000000000000000000000m : -1;
                tokens.Add((plain, value, false, first));
            }
            else if (raw.Length == 1 && !char.IsLetter(raw[0]))
            {
                tokens.Add((raw, null, false, first));
            }
            else
            {
                var lower = raw.ToLowerInvariant().Replace("'s", string.Empty, StringComparison.Ordinal).Replace("’s", string.Empty, StringComparison.Ordinal);
                var key = lower switch
                {
                    "percent" or "per-cent" or "pct" => "%",
                    "dollar" or "dollars" or "usd" => "$",
                    "euro" or "euros" or "eur" => "€",
                    "pound" or "pounds" or "gbp" => "£",
                    _ => TextFeatures.Stem(lower),
                };
                tokens.Add((key, null, char.IsUpper(raw[0]) && !Stopwords.Contains(lower), first));
                words.Add(key);
            }

            first = false;
        }

        return (tokens, words);
    }

    [GeneratedRegex(@"\p{L}[\p{L}'\-]*", RegexOptions.NonBacktracking)]
    private static partial Regex ReferenceWord();

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?", RegexOptions.NonBacktracking)]
    private static partial Regex ReferenceNumber();

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?|\p{L}[\p{L}'’\-]*|[%$€£]", RegexOptions.NonBacktracking)]
    private static partial Regex ReferenceToken();
}
