using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Guardian.Pii;
using Orchestrator.Tests.Models.Quantization;
using Orchestrator.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// <see cref="PiiPatternNeeds"/> lets the detector skip a pattern's scan only where the pattern cannot
/// match: on every text where a pattern matches, its need holds (the phone pattern matches any digit;
/// its need is about the candidates <see cref="PhoneRules"/> accepts, so it is checked on the spans).
/// The candidates of all scans equal those of the skipping ones. Random texts dense in digits and
/// separators probe each count at its edge (a need one higher fails here), and every text of the
/// shared datasets is checked too.
/// </summary>
public sealed class PiiPatternNeedsTests(ITestOutputHelper output)
{
    private static readonly (string Name, Regex Pattern, Func<PiiPatternNeeds, bool> Need)[] Patterns =
    [
        ("email", PiiPatterns.Email(), n => n.MayHoldEmail),
        ("iban", PiiPatterns.Iban(), n => n.MayHoldIban),
        ("card", PiiPatterns.CreditCard(), n => n.MayHoldCard),
        ("ssn", PiiPatterns.Ssn(), n => n.MayHoldSsn),
        ("ipv4", PiiPatterns.Ipv4(), n => n.MayHoldIpv4),
        ("ipv6", PiiPatterns.Ipv6(), n => n.MayHoldIpv6),
        ("passport", PiiPatterns.Passport(), n => n.MayHoldPassport),
        ("date", PiiPatterns.Date(), n => n.MayHoldDate),
    ];

    [Theory]
    [InlineData("write to a.b@example.co.uk")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00")]
    [InlineData("card 4111 1111 1111 1111 or 4111-1111-1111")]
    [InlineData("SSN 123-45-6789, bare 123456789")]
    [InlineData("host 10.0.0.1 and ::1 and fe80::1:2")]
    [InlineData("call +1 (602) 555-0100 x12 or 5")]
    [InlineData("passport AB1234567, NXC3R4D12, C01X00T47, ABCDEFGH")]
    [InlineData("born 12/05/1990, 1990-5-12, March 3rd, 1990, 3 of May 1990")]
    public void Every_match_of_a_pattern_has_what_it_needs(string text) => AssertNeedsHold(text);

    [Fact]
    public void Random_texts_never_skip_a_matching_pattern()
    {
        // Digit runs, single separators and short letter runs glued together, so matches of every pattern
        // occur at and around their minimum counts ("1.234.5.6", "1:2:", "AB12 34…", "a@b.co").
        string[] pieces = ["call ", "Tel: ", "+1 ", "(602) ", "555-0100", "born ", "passport ", "-", ".", ".", "1.2", "34.5.", ":", ":", "/", "(", ")", "+", "@", " ", " ", "x", "ext", "AB", "DE", "Mar", "of", "th", "b.co", "XK", "ab"];
        var random = new Random(37);
        var matched = new int[Patterns.Length];
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 16);
            for (var i = 0; i < count; i++)
            {
                if (random.Next(2) == 0)
                {
                    text.Append(random.NextInt64((long)Math.Pow(10, random.Next(1, 6))));
                }
                else
                {
                    text.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            var value = text.ToString();
            for (var p = 0; p < Patterns.Length; p++)
            {
                matched[p] += Patterns[p].Pattern.IsMatch(value) ? 1 : 0;
            }

            AssertNeedsHold(value);
            AssertSameCandidates(value);
        }

        for (var p = 0; p < Patterns.Length; p++)
        {
            output.WriteLine($"{Patterns[p].Name}: matched {matched[p]} of 20,000");
        }

        // Every pattern must have been exercised by the random texts.
        Assert.All(Enumerable.Range(0, Patterns.Length), p => Assert.True(matched[p] > 0, Patterns[p].Name));
    }

    [Fact]
    public void Every_text_of_the_shared_datasets_keeps_its_matching_patterns()
    {
        var datasets = Path.Combine(RepoPaths.Shared, "datasets");
        if (!Directory.Exists(datasets))
        {
            output.WriteLine($"{datasets} not found; the shared-dataset check did not run.");
            return;
        }

        var checkedTexts = 0;
        foreach (var (_, texts) in MiniLmTokenizerTests.SharedTexts(datasets))
        {
            foreach (var text in texts)
            {
                AssertNeedsHold(text);
                AssertSameCandidates(text);
            }

            checkedTexts += texts.Count;
        }

        output.WriteLine($"{checkedTexts} texts checked");
        Assert.True(checkedTexts > 0);
    }

    [Theory]
    [InlineData("Full-time employees receive 25 days of paid annual leave per year.", "email,iban,card,ssn,ipv4,ipv6,passport,date,phone")]
    [InlineData("Carry over up to 5 days until 31 March 2025 [1].", "email,iban,card,ssn,ipv4,ipv6,passport")]
    public void An_ordinary_answer_skips_the_scans_it_cannot_match(string text, string skipped)
    {
        var needs = PiiPatternNeeds.Of(text);
        var names = Patterns.Where(p => !p.Need(needs)).Select(p => p.Name).Concat(needs.MayHoldPhone ? [] : ["phone"]);
        Assert.Equal(skipped, string.Join(",", names));
    }

    [Theory]
    [InlineData("call 555-0100 or +1 (602) 555-0100")]
    [InlineData("Tel: 0393 1144137, mobile 07700 900123")]
    [InlineData("born 12/05/1990, passport AB1234567, SSN 123-45-6789, 10.0.0.1, fe80::1, a@b.co, DE89 3704 0044 0532 0130 00")]
    public void Texts_with_every_kind_give_the_candidates_of_all_scans(string text)
    {
        Assert.NotEmpty(Candidates(text, PiiPatternNeeds.Of(text)));
        AssertSameCandidates(text);
    }

    /// <summary>A text's candidates with its own needs (scans skipped) equal those of every scan.</summary>
    private static void AssertSameCandidates(string text)
    {
        var skipping = Candidates(text, PiiPatternNeeds.Of(text));
        var all = Candidates(text, new PiiPatternNeeds(int.MaxValue, 1, int.MaxValue, int.MaxValue, int.MaxValue, 1));
        Assert.Equal(all, skipping);
    }

    private static List<(PiiType, int, int, string, double)> Candidates(string text, PiiPatternNeeds needs)
    {
        var found = new List<PiiSpan>();
        PiiDetector.CollectPatterns(text, needs, found);
        return [.. found.Select(s => (s.Type, s.Start, s.Length, s.Value, s.Confidence))];
    }

    private static void AssertNeedsHold(string text)
    {
        var needs = PiiPatternNeeds.Of(text);
        foreach (var (name, pattern, need) in Patterns)
        {
            if (pattern.IsMatch(text))
            {
                Assert.True(need(needs), $"{name} matches \"{text}\" but its need says it cannot");
            }
        }
    }
}
