using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// The named-number cue ("base of 10", "a=2") had <c>\s*(?:link)?\s*</c>, which backtracks quadratically
/// over a run of spaces after the parameter's name: 1 MB of them ran into the 1 s match timeout and the
/// value after them was lost (leftovers34). The rewrite <c>(?&gt;\s*)(?:(?:link)(?&gt;\s*))?</c> must find exactly
/// the same matches: compared here, match by match, on 20,000 generated texts per name, hostile ones included.
/// </summary>
public sealed class NamedNumberCueEquivalenceTests
{
    private const string NumberPattern = @"(?<![\w.,^/-])-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE]-?\d+)?(?![\d,]\d|\d|-\d)";

    // Pieces the cue reacts to: names and near names, link words, signs, articles, numbers in every
    // shape the number pattern knows or refuses, and the characters its lookarounds look at.
    private static readonly string[] Pieces =
    [
        "base", "BASE", "Base", "bases", "database", "-base", "base-", "length", "base length", "base_length", "base-length", "base  length",
        " ", " ", " ", "  ", "\t", "\n", "\u00a0", "=", ":", " = ", ": ", "is", "of", "equal", "equals", "to", "as", "a", "an", "isa", "ofan",
        "5", "42", "-3", "1,000", "12,345,678", "1,00", "1,0000", "2.5", ".5", "5.", "1e5", "2E-3", "3-4", "7th", "10x", "0",
        ".", ",", "^", "/", "-", "_", "x", "%", "(", ")",
    ];

    [Theory]
    [InlineData("base")]
    [InlineData("base_length")]
    [InlineData("rateOfPay")]
    public void The_rewritten_cue_finds_the_same_matches_as_the_old_one_on_generated_texts(string parameter)
    {
        var humanized = Regex.Escape(ToolSelector.Humanize(parameter)).Replace("\\ ", "[\\s_-]+", StringComparison.Ordinal);
        var old = new Regex($@"(?<![\w-]){humanized}\s*(?:=|:|is|of|equals?|to|as)?\s*(?:an?\s+)?(?<v>{NumberPattern})", RegexOptions.IgnoreCase, TimeSpan.FromMinutes(1));
        var rewritten = new Regex(ValueFinders.NamedNumberCue(parameter), RegexOptions.IgnoreCase, TimeSpan.FromMinutes(1));
        var random = new Random(34);
        var withMatches = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var text = Generate(random, parameter, hostile: i % 10 == 0);
            var expected = Describe(old.Matches(text));
            Assert.True(expected == Describe(rewritten.Matches(text)), $"text #{i} {JsonSerializer.Serialize(text)}: old {expected}, new {Describe(rewritten.Matches(text))}");
            withMatches += expected.Length > 0 ? 1 : 0;
        }

        // The texts exercise the cue: a good share of them hold a named number.
        Assert.InRange(withMatches, 2_000, 18_000);
    }

    [Fact]
    public void A_named_number_after_a_megabyte_of_spaces_is_found()
    {
        // Before the rewrite the spaces after the first "base" took the match past its timeout, so the
        // optional parameter came back empty although "base is 7" is in the text.
        var tool = new ToolDescriptor
        {
            Name = "triangle_area",
            Description = "Area of a triangle.",
            ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{"base":{"type":"number"}}}""").RootElement.Clone(),
        };

        var extracted = ArgumentExtractor.Extract("base" + new string(' ', 1024 * 1024) + "base is 7", tool);

        Assert.Equal(7, extracted.Arguments["base"]!.GetValue<long>());
    }

    private static string Generate(Random random, string parameter, bool hostile)
    {
        var builder = new StringBuilder();
        var segments = random.Next(1, 6);
        for (var segment = 0; segment < segments; segment++)
        {
            // Half the segments are shaped like a cue (name, links, number), with any piece in any place.
            var shaped = random.Next(2) == 0;
            var pieces = shaped ? 4 : random.Next(1, 6);
            for (var p = 0; p < pieces; p++)
            {
                var piece = shaped && random.Next(4) != 0
                    ? p switch
                    {
                        0 => ToolSelector.Humanize(parameter),
                        1 => Pick(random, " ", "=", ": ", " is ", " of ", "\t", " to a ", " equals ", "  as an "),
                        2 => Pick(random, "", " ", "a ", "an ", "\n"),
                        _ => Pick(random, "5", "-3", "1,000", "2.5", "1e5", "12,345", "1,00", "3-4", "7."),
                    }
                    : Pieces[random.Next(Pieces.Length)];
                builder.Append(piece);
                if (hostile && random.Next(3) == 0)
                {
                    // Long runs of what the cue's quantifiers loop over.
                    builder.Append(random.Next(3) switch { 0 => ' ', 1 => '\t', _ => '5' }, random.Next(50, 400));
                }
            }

            builder.Append(Pick(random, " ", ", ", ". ", "", "-", "\n"));
        }

        return builder.ToString();
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static string Describe(MatchCollection matches) =>
        string.Join(';', matches.Select(m => $"{m.Index}+{m.Length}/v{m.Groups["v"].Index}+{m.Groups["v"].Length}"));
}
