using System.Text.RegularExpressions;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// The unit patterns ran on the backtracking engine with a 100 ms timeout (a timeout left a number's unit
/// unread, so whether it fitted a parameter depended on load); they now run on the linear-time engine,
/// which has no lookahead, and must say yes and no exactly where the old patterns did.
/// </summary>
public sealed class QuantityUnitPatternTests
{
    /// <summary>The old patterns, in the order of <see cref="Quantities.Units"/>.</summary>
    private static readonly string[] OldAlternatives =
    [
        @"%|percent|per\s+cent",
        @"°\s*[CFK]|degrees?\s+(?:celsius|fahrenheit|kelvin|[CF](?![a-z]))|celsius|fahrenheit|kelvin",
        @"m/s(?:\^2|²|2)|m/s/s|meters?\s+per\s+second\s+squared",
        @"m/s|km/h|kph|mph|meters?\s+per\s+second|kilometers?\s+per\s+hour|miles?\s+per\s+hour",
        @"m²|m2|km²|sq\.?\s*(?:ft|feet|m|meters?|miles?)|square\s+(?:feet|foot|meters?|metres?|miles?|kilometers?)|acres?|hectares?",
        @"m³|m3|cubic\s+\w+|liters?|litres?|ml|gallons?",
        @"radians?",
        @"dollars?|usd|euros?|eur|gbp",
        @"km|cm|mm|m|meters?|metres?|kilometers?|kilometres?|centimeters?|ft|feet|foot|inch(?:es)?|miles?|yards?",
        @"kg|g|mg|kilograms?|grams?|lbs?|tons?|tonnes?",
        @"s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|yrs?",
    ];

    private static readonly string[] Pieces =
    [
        " ", "  ", "\n", "%", "percent", "per", "cent", "°", "C", "F", "K", "c", "degrees", "degree", "celsius", "m", "/", "s", "2", "²",
        "km", "h", "sq", ".", "ft", "square", "feet", "cubic", "liters", "ml", "usd", "eur", "kg", "g", "min", "hours", "yrs", "x", "é",
        "1", "-", ",", "_", "\u0301", "per second", "squared",
    ];

    [Fact]
    public void Unit_patterns_match_where_the_lookahead_patterns_did()
    {
        Assert.Equal(OldAlternatives.Length, Quantities.Units.Length);
        var old = OldAlternatives.Select(a => new Regex($@"^\s?(?:{a})(?![\p{{L}}\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();
        var random = new Random(33);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            for (var u = 0; u < old.Length; u++)
            {
                Assert.True(old[u].IsMatch(text) == Quantities.Units[u].Unit.IsMatch(text), $"unit {Quantities.Units[u].Dimension} on \"{text}\"");
            }
        }
    }

    [Theory]
    [InlineData("5 degrees C today", "Temperature")]
    [InlineData("5 degrees Celsius", "Temperature")]
    [InlineData("5 degrees Cx", null)]
    [InlineData("5%", "Percent")]
    [InlineData("5 km away", "Length")]
    [InlineData("5 kmx", null)]
    [InlineData("5 m/s2", "Acceleration")]
    public void Units_are_read_after_the_number(string text, string? expected)
    {
        Assert.Equal(expected, Quantities.Of(text, Regex.Match(text, @"^\d+"))?.ToString());
    }
}
