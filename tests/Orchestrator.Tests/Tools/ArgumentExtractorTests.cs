using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

public sealed class ArgumentExtractorTests : IDisposable
{
    private readonly ToolTestKit _kit = new();

    [Fact]
    public void Ticket_request_yields_priority_synonym_email_and_summary()
    {
        var result = ArgumentExtractor.Extract("Urgent: the VPN is down for the whole Berlin office, contact tom.jansen@northwind.example", _kit.Registry.Get("create_it_ticket"));

        Assert.Empty(result.MissingRequired);
        Assert.Equal("P1", (string?)result.Arguments["priority"]);
        Assert.Equal("tom.jansen@northwind.example", (string?)result.Arguments["requester_email"]);
        Assert.Equal("the VPN is down for the whole Berlin office, contact", (string?)result.Arguments["summary"]);
    }

    [Fact]
    public void Explicit_enum_value_wins_case_insensitively()
    {
        var result = ArgumentExtractor.Extract("file a p2 ticket: printer jammed", _kit.Registry.Get("create_it_ticket"));

        Assert.Equal("P2", (string?)result.Arguments["priority"]);
        Assert.Equal("file a ticket: printer jammed", (string?)result.Arguments["summary"]);
        Assert.Equal("Outlook won't start after the update", (string?)ArgumentExtractor.Extract("Open a P2 ticket for me: Outlook won't start after the update", _kit.Registry.Get("create_it_ticket")).Arguments["summary"]);
    }

    [Fact]
    public void Employee_id_is_found_by_pattern_and_missing_one_is_reported()
    {
        var tool = _kit.Registry.Get("get_leave_balance");

        Assert.Equal("NW-1004", (string?)ArgumentExtractor.Extract("How many days off does NW-1004 have left?", tool).Arguments["employee_id"]);
        Assert.Equal(["employee_id"], ArgumentExtractor.Extract("How many vacation days do I have left?", tool).MissingRequired);
    }

    [Fact]
    public void Currency_amount_with_thousands_separator_and_codes_in_order()
    {
        var result = ArgumentExtractor.Extract("How much is 1,250.75 pounds in USD?", _kit.Registry.Get("convert_currency"));

        Assert.Equal(1250.75, (double)result.Arguments["amount"]!);
        Assert.Equal("GBP", (string?)result.Arguments["from"]);
        Assert.Equal("USD", (string?)result.Arguments["to"]);
    }

    [Fact]
    public void Expression_is_the_arithmetic_run()
    {
        var result = ArgumentExtractor.Extract("what is (12.5 + 3) * 4 please?", _kit.Registry.Get("calculate"));

        Assert.Equal("(12.5 + 3) * 4", (string?)result.Arguments["expression"]);
    }

    [Theory]
    [InlineData("Book it for 2026-03-05 please", "2026-03-05")]
    [InlineData("Book it for 5 March 2026 please", "2026-03-05")]
    [InlineData("Book it for March 5, 2026 please", "2026-03-05")]
    [InlineData("Book it for 05.03.2026 please", "2026-03-05")]
    public void Dates_become_iso(string text, string expected)
    {
        var tool = Declaration("""{"type":"object","properties":{"start_date":{"type":"string"},"nights":{"type":"integer"}},"required":["start_date"]}""");

        var result = ArgumentExtractor.Extract(text, tool);

        Assert.Equal(expected, (string?)result.Arguments["start_date"]);
        Assert.False(result.Arguments.ContainsKey("nights"));
    }

    [Fact]
    public void Quoted_strings_integers_and_decimals_fill_their_parameters()
    {
        var tool = Declaration("""{"type":"object","properties":{"title":{"type":"string"},"city":{"type":"string"},"count":{"type":"integer"},"ratio":{"type":"number"}},"required":["city","count","ratio"]}""");

        var result = ArgumentExtractor.Extract("Find 3 hotels in \"New York\" at 0.75 of the price for my trip", tool);

        Assert.Equal("New York", (string?)result.Arguments["city"]);
        Assert.Equal(3L, (long)result.Arguments["count"]!);
        Assert.Equal(0.75, (double)result.Arguments["ratio"]!);
    }

    [Fact]
    public void Numbers_named_in_the_text_go_to_their_parameter_whatever_the_order()
    {
        var tool = Declaration("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"integer"},"initial_speed":{"type":"number"}},"required":["a","b","c"]}""");

        var result = ArgumentExtractor.Extract("Solve it where c=5, initial speed of 2.5, a = 2 and b is 6", tool);

        Assert.Equal(2L, (long)result.Arguments["a"]!);
        Assert.Equal(6L, (long)result.Arguments["b"]!);
        Assert.Equal(5L, (long)result.Arguments["c"]!);
        Assert.Equal(2.5, (double)result.Arguments["initial_speed"]!);
    }

    [Fact]
    public void Units_lists_and_required_names_are_read_but_optional_values_are_not_guessed()
    {
        var tool = Declaration("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"},"values":{"type":"array","items":{"type":"number"}},"height":{"type":"integer"},"width":{"type":"integer"},"depth":{"type":"integer"}},"required":["city","values","height","width"]}""");

        var result = ArgumentExtractor.Extract("Plot [1.5, 2, 3] for a 6cm by 10cm box with two lids in Santa Monica at 4 m/s^2", tool);

        Assert.Equal("Santa Monica", (string?)result.Arguments["city"]);
        Assert.Equal("[1.5,2,3]", result.Arguments["values"]!.ToJsonString());
        Assert.Equal(6L, (long)result.Arguments["height"]!);
        Assert.Equal(10L, (long)result.Arguments["width"]!);
        Assert.False(result.Arguments.ContainsKey("unit"));
        Assert.False(result.Arguments.ContainsKey("depth"));
    }

    [Theory]
    [InlineData("calculate 15% of 240", "15 / 100 * 240")]
    [InlineData("what's 20 percent of 55.5?", "20 / 100 * 55.5")]
    [InlineData("what is 1250 divided by 8", "1250 / 8")]
    [InlineData("Tell me 15% of 240.", "15 / 100 * 240")]
    [InlineData("What is 1250 divided by 8.5.", "1250 / 8.5")]
    [InlineData("7 times 6 plus 2, please", "7 * 6 + 2")]
    [InlineData("how much is 99 minus 12.5", "99 - 12.5")]
    [InlineData("what is 12 * (3 + 4)?", "12 * (3 + 4)")]
    public void Arithmetic_in_words_and_percentages_becomes_an_expression(string request, string expected)
    {
        var calculator = Declaration("""{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""");

        Assert.Equal(expected, (string?)ArgumentExtractor.Extract(request, calculator).Arguments["expression"]);
    }

    [Theory]
    [InlineData("15% of")]
    [InlineData("what is 7 times")]
    [InlineData("plus minus times divided by")]
    [InlineData("")]
    public void Half_an_arithmetic_phrase_is_missing_not_guessed(string request)
    {
        var calculator = Declaration("""{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""");

        Assert.Equal(["expression"], ArgumentExtractor.Extract(request, calculator).MissingRequired);
    }

    private static ToolDescriptor Declaration(string schema) =>
        new() { Name = "f", Description = "test", ParametersSchema = JsonDocument.Parse(schema).RootElement.Clone() };

    public void Dispose() => _kit.Dispose();
}
