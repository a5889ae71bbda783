using System.Text;
using System.Text.Json;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>Positional numbers only fill parameters whose dimension their unit does not contradict.</summary>
public sealed class QuantitiesTests
{
    [Fact]
    public void A_length_never_fills_a_weight()
    {
        var bmi = Declaration("""{"type":"object","properties":{"weight":{"type":"number","description":"Weight of the person in kilograms."},"height":{"type":"number","description":"Height in meters."}},"required":["weight","height"]}""");

        var result = ArgumentExtractor.Extract("Calculate the area of a triangle given the base is 10 meters and height is 5 meters.", bmi);

        Assert.Equal(["weight"], result.MissingRequired);
        Assert.Equal(5L, (long)result.Arguments["height"]!);
    }

    [Fact]
    public void Money_percent_and_years_go_to_amount_rate_and_term_whatever_the_order()
    {
        var loan = Declaration("""{"type":"object","properties":{"loan_amount":{"type":"number"},"loan_term":{"type":"integer"},"annual_interest_rate":{"type":"number"}},"required":["loan_amount","loan_term","annual_interest_rate"]}""");

        var result = ArgumentExtractor.Extract("What would I pay on $250,000 at 4.5% over 30 years?", loan);

        Assert.Empty(result.MissingRequired);
        Assert.Equal(250000L, (long)result.Arguments["loan_amount"]!);
        Assert.Equal(4.5, (double)result.Arguments["annual_interest_rate"]!);
        Assert.Equal(30L, (long)result.Arguments["loan_term"]!);
    }

    [Fact]
    public void The_description_says_what_an_unhelpful_name_measures()
    {
        var tool = Declaration("""{"type":"object","properties":{"investment_amount":{"type":"integer","description":"The amount invested in dollars."},"annual_return":{"type":"number","description":"The annual return rate of the investment."},"years":{"type":"integer"}},"required":["investment_amount","annual_return","years"]}""");

        var result = ArgumentExtractor.Extract("Predict my profit in 5 years if I invest $5000 and the annual return is 7%.", tool);

        Assert.Equal(5000L, (long)result.Arguments["investment_amount"]!);
        Assert.Equal(7L, (long)result.Arguments["annual_return"]!);
        Assert.Equal(5L, (long)result.Arguments["years"]!);
    }

    [Fact]
    public void Acceleration_speed_and_time_are_told_apart_by_their_units()
    {
        var motion = Declaration("""{"type":"object","properties":{"velocity":{"type":"number"},"acceleration":{"type":"number"},"duration":{"type":"number"}},"required":["velocity","acceleration","duration"]}""");

        var result = ArgumentExtractor.Extract("For 5 seconds it accelerates at 10 m/s^2, starting from 20 m/s.", motion);

        Assert.Equal(20L, (long)result.Arguments["velocity"]!);
        Assert.Equal(10L, (long)result.Arguments["acceleration"]!);
        Assert.Equal(5L, (long)result.Arguments["duration"]!);
    }

    [Theory]
    [InlineData("Heat the water to 100 degrees", true)] // bare degrees: angle or temperature, no verdict
    [InlineData("Heat the water to 100°C", true)]
    [InlineData("Heat the water to 100", true)] // a bare number is accepted as before
    [InlineData("Heat the water for 100 minutes", false)]
    [InlineData("Heat 100 kg of water", false)]
    public void Temperature_accepts_only_numbers_that_could_be_one(string request, bool filled)
    {
        var kettle = Declaration("""{"type":"object","properties":{"temperature":{"type":"number"}},"required":["temperature"]}""");

        Assert.Equal(filled, ArgumentExtractor.Extract(request, kettle).Arguments.ContainsKey("temperature"));
    }

    [Theory]
    [InlineData("The expected annual return as a decimal. E.g. 5% = 0.05", 0.07)]
    [InlineData("Rate as a fraction of one.", 0.07)]
    [InlineData("The annual return rate in percent.", 7.0)]
    [InlineData("The annual return rate.", 7.0)] // unspecified: kept as written
    public void A_percentage_becomes_a_fraction_only_when_the_description_asks_for_one(string description, double expected)
    {
        var tool = Declaration($$$"""{"type":"object","properties":{"annual_return":{"type":"number","description":"{{{description}}}"}},"required":["annual_return"]}""");

        Assert.Equal(expected, ValueOf(ArgumentExtractor.Extract("Assume it grows 7% a year", tool), "annual_return"), 12);
        Assert.Equal(expected, ValueOf(ArgumentExtractor.Extract("with an annual return of 7 percent", tool), "annual_return"), 12);
    }

    [Fact]
    public void Parameters_with_no_known_dimension_take_any_number()
    {
        var tool = Declaration("""{"type":"object","properties":{"n":{"type":"integer","description":"How many."}},"required":["n"]}""");

        Assert.Equal(12L, (long)ArgumentExtractor.Extract("Make it 12 kg", tool).Arguments["n"]!);
    }

    [Fact]
    public void A_huge_request_full_of_mismatched_units_is_read_without_failing()
    {
        var bmi = Declaration("""{"type":"object","properties":{"weight":{"type":"number"}},"required":["weight"]}""");
        var request = new StringBuilder().Insert(0, "5 m, 7 % and $3 then 9 m/s^2 °C ", 4_000).Append("finally 70 kg").ToString();

        var result = ArgumentExtractor.Extract(request, bmi);

        Assert.Equal(70L, (long)result.Arguments["weight"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("meters meters %%% $$$ ° m/s^2")]
    [InlineData("\u0000\uFFFF 5\u202E m")]
    public void Empty_and_hostile_text_leaves_the_parameter_missing_or_filled_but_never_throws(string request)
    {
        var bmi = Declaration("""{"type":"object","properties":{"weight":{"type":"number"}},"required":["weight"]}""");

        var result = ArgumentExtractor.Extract(request, bmi);

        Assert.True(result.MissingRequired.Contains("weight") ^ result.Arguments.ContainsKey("weight"));
    }

    // Whole numbers are stored as longs, fractions as doubles: compare by the JSON number.
    private static double ValueOf(ExtractedArguments result, string name) =>
        double.Parse(result.Arguments[name]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static ToolDescriptor Declaration(string schema) =>
        new() { Name = "f", Description = "test", ParametersSchema = JsonDocument.Parse(schema).RootElement.Clone() };
}
