using System.Text.Json;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// A tool's schema may carry its own "pattern" for an identifier (an MCP server declares it, not us).
/// A pattern that backtracks catastrophically on the caller's text must cost a bounded time and leave
/// the value missing (so it is asked for), never throw out of argument extraction.
/// </summary>
public sealed class SchemaPatternTimeoutTests
{
    [Fact]
    public void A_catastrophically_backtracking_schema_pattern_leaves_the_identifier_missing_instead_of_throwing()
    {
        var tool = new ToolDescriptor
        {
            Name = "lookup",
            Description = "Looks up an order.",
            ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string","pattern":"(a+)+b"}},"required":["order_id"]}""").RootElement.Clone(),
        };
        var request = "look up order " + new string('a', 40) + "!";

        var result = ArgumentExtractor.Extract(request, tool);

        Assert.Contains("order_id", result.MissingRequired);
        Assert.False(result.Arguments.ContainsKey("order_id"));
    }

    [Fact]
    public void A_schema_pattern_that_matches_still_fills_the_identifier()
    {
        var tool = new ToolDescriptor
        {
            Name = "lookup",
            Description = "Looks up an order.",
            ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string","pattern":"ORD-[0-9]{4}"}},"required":["order_id"]}""").RootElement.Clone(),
        };

        var result = ArgumentExtractor.Extract("where is ORD-1234?", tool);

        Assert.Equal("ORD-1234", (string)result.Arguments["order_id"]!);
    }
}
