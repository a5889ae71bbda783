using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.Deterministic;

/// <summary>What a number measures, read from its unit or from a parameter's name.</summary>
internal enum Dimension
{
    Percent,
    Money,
    Length,
    Mass,
    Time,
    Temperature,
    Speed,
    Acceleration,
    Area,
    Volume,
    Angle,
}

/// <summary>
/// Keeps positional numbers out of parameters they cannot mean: "a triangle with base 10 meters"
/// does not give a body-mass-index tool its weight, and in "$10000 at 5% for 3 years" the 5% is the
/// rate, not the loan term. Only a clash between two known dimensions rejects a number; a bare
/// number, or a parameter whose name says nothing about units, is accepted as before.
/// </summary>
internal static partial class Quantities
{
    // The head word of the parameter name decides ("loan_term" is a time, "loan_amount" money).
    private static readonly Dictionary<string, Dimension> NameWords = new(StringComparer.Ordinal)
    {
        ["rate"] = Dimension.Percent, ["percent"] = Dimension.Percent, ["percentage"] = Dimension.Percent, ["pct"] = Dimension.Percent,
        ["discount"] = Dimension.Percent, ["tax"] = Dimension.Percent,
        ["amount"] = Dimension.Money, ["price"] = Dimension.Money, ["cost"] = Dimension.Money, ["revenue"] = Dimension.Money,
        ["income"] = Dimension.Money, ["salary"] = Dimension.Money, ["principal"] = Dimension.Money, ["budget"] = Dimension.Money,
        ["fee"] = Dimension.Money, ["profit"] = Dimension.Money, ["investment"] = Dimension.Money,
        ["length"] = Dimension.Length, ["height"] = Dimension.Length, ["width"] = Dimension.Length, ["depth"] = Dimension.Length,
        ["distance"] = Dimension.Length, ["radius"] = Dimension.Length, ["diameter"] = Dimension.Length, ["altitude"] = Dimension.Length,
        ["wavelength"] = Dimension.Length, ["perimeter"] = Dimension.Length,
        ["weight"] = Dimension.Mass, ["mass"] = Dimension.Mass,
        ["time"] = Dimension.Time, ["duration"] = Dimension.Time, ["term"] = Dimension.Time, ["period"] = Dimension.Time,
        ["years"] = Dimension.Time, ["months"] = Dimension.Time, ["days"] = Dimension.Time, ["hours"] = Dimension.Time,
        ["minutes"] = Dimension.Time, ["seconds"] = Dimension.Time,
        ["temperature"] = Dimension.Temperature, ["temp"] = Dimension.Temperature, ["celsius"] = Dimension.Temperature,
        ["fahrenheit"] = Dimension.Temperature, ["kelvin"] = Dimension.Temperature,
        ["velocity"] = Dimension.Speed, ["speed"] = Dimension.Speed, ["acceleration"] = Dimension.Acceleration,
        ["area"] = Dimension.Area, ["volume"] = Dimension.Volume, ["angle"] = Dimension.Angle,
    };

    /// <summary>Each unit's pattern with its dimension, in the order they are tried (internal for tests).</summary>
    internal static readonly (Regex Unit, Dimension Dimension)[] Units =
    [
        (Unit(@"%|percent|per\s+cent"), Dimension.Percent),
        (Unit(@"°\s*[CFK]|degrees?\s+(?:celsius|fahrenheit|kelvin|[CF])|celsius|fahrenheit|kelvin"), Dimension.Temperature),
        (Unit(@"m/s(?:\^2|²|2)|m/s/s|meters?\s+per\s+second\s+squared"), Dimension.Acceleration),
        (Unit(@"m/s|km/h|kph|mph|meters?\s+per\s+second|kilometers?\s+per\s+hour|miles?\s+per\s+hour"), Dimension.Speed),
        (Unit(@"m²|m2|km²|sq\.?\s*(?:ft|feet|m|meters?|miles?)|square\s+(?:feet|foot|meters?|metres?|miles?|kilometers?)|acres?|hectares?"), Dimension.Area),
        (Unit(@"m³|m3|cubic\s+\w+|liters?|litres?|ml|gallons?"), Dimension.Volume),
        (Unit(@"radians?"), Dimension.Angle), // bare "degrees" or "°" may be an angle or a temperature: no verdict
        (Unit(@"dollars?|usd|euros?|eur|gbp"), Dimension.Money),
        (Unit(@"km|cm|mm|m|meters?|metres?|kilometers?|kilometres?|centimeters?|ft|feet|foot|inch(?:es)?|miles?|yards?"), Dimension.Length),
        (Unit(@"kg|g|mg|kilograms?|grams?|lbs?|tons?|tonnes?"), Dimension.Mass),
        (Unit(@"s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|yrs?"), Dimension.Time),
    ];

    private const int UnitWindow = 40;

    /// <summary>Whether the number at <paramref name="number"/> may fill a parameter that measures <paramref name="wanted"/> (see <see cref="Of(ParameterSlot)"/>).</summary>
    public static bool Fits(Dimension? wanted, string text, Capture number) =>
        wanted is null || Of(text, number) is not { } given || wanted == given;

    /// <summary>
    /// The dimension a parameter measures: its name's head word ("loan_term"), else the first
    /// dimension word of its description ("annual_return": "The annual return rate ..."), or null.
    /// </summary>
    public static Dimension? Of(ParameterSlot slot)
    {
        var words = ToolSelector.Humanize(slot.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && NameWords.TryGetValue(words[^1], out var dimension))
        {
            return dimension;
        }

        foreach (Match word in Word().Matches(Description(slot)))
        {
            if (NameWords.TryGetValue(word.Value.ToLowerInvariant(), out dimension))
            {
                return dimension;
            }
        }

        return null;
    }

    /// <summary>
    /// "7%" for a parameter whose description asks for a decimal or fraction ("E.g. 5% = 0.05") is
    /// 0.07; without that the number is kept as written, since APIs disagree on how rates are given.
    /// </summary>
    public static bool PercentAsFraction(ParameterSlot slot, string text, Capture number) =>
        Of(text, number) == Dimension.Percent && FractionWords().IsMatch(Description(slot));

    private static string Description(ParameterSlot slot) =>
        slot.Schema.ValueKind == JsonValueKind.Object && slot.Schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";

    [GeneratedRegex(@"\b(?:decimal|fraction)", RegexOptions.IgnoreCase)]
    private static partial Regex FractionWords();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    /// <summary>The dimension of the unit written with the number ("$10,000", "5%", "10 meters"), or null.</summary>
    public static Dimension? Of(string text, Capture number)
    {
        if (number.Index > 0 && text[number.Index - 1] is '$' or '€' or '£' or '¥')
        {
            return Dimension.Money;
        }

        // A unit is short: look only at the few characters after the number, so a long request
        // with many numbers costs linear time, not a copy of the rest of the text per number.
        var start = number.Index + number.Length;
        var after = text.Substring(start, Math.Min(UnitWindow, text.Length - start));
        foreach (var (unit, dimension) in Units)
        {
            if (unit.IsMatch(after))
            {
                return dimension;
            }
        }

        return null;
    }

    // A unit follows the number directly or after one space and ends where letters and digits do. The
    // linear-time engine needs no timeout: the 100 ms one these had made a number's unit (and so whether
    // it fits a parameter) depend on how loaded the machine was. That engine has no lookahead; for a
    // yes/no match, "then a character that is not a letter or digit, or the end" says the same as
    // (?![\p{L}\d]), and it implies the (?![a-z]) that "degrees C" had.
    private static Regex Unit(string alternatives) =>
        new($@"^\s?(?:{alternatives})(?:[^\p{{L}}\d]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
}
