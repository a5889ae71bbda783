using System.Text.Json;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// A schema <c>pattern</c> comes from the tool's declaration (an MCP server's: untrusted). It is matched in
/// linear time where the engine allows, so the verdict cannot depend on how loaded the machine is; a pattern
/// only the backtracking engine runs is bounded, and running out of time is reported as the pattern's fault.
/// </summary>
public sealed class ToolSchemaPatternTests
{
    private static readonly string Catastrophic = new string('a', 40) + "!";

    private static IReadOnlyList<string> Validate(string pattern, string value)
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"code":{"type":"string","pattern":""" + JsonSerializer.Serialize(pattern) + "}}}").RootElement;
        var arguments = JsonDocument.Parse("""{"code":""" + JsonSerializer.Serialize(value) + "}").RootElement;
        return ToolSchemaValidator.Validate(schema, arguments);
    }

    [Fact]
    public void A_catastrophically_backtracking_pattern_gets_a_definite_verdict()
    {
        // Backtracking needs about 2^40 steps here; the linear-time engine answers at once, whatever the load.
        var errors = Validate("^(a+)+b$", Catastrophic);

        Assert.Equal(["argument 'code' must match the pattern ^(a+)+b$"], errors);
        Assert.Empty(Validate("^(a+)+b$", "aaab"));
    }

    [Fact]
    public void A_slow_pattern_the_linear_engine_refuses_is_bounded_and_blamed_on_the_pattern()
    {
        // The lookahead keeps it on the backtracking engine, where it runs out of time.
        var error = Assert.Single(Validate("^(?=a)(a+)+b$", Catastrophic));

        Assert.Contains("could not be checked", error, StringComparison.Ordinal);
        Assert.Contains("took longer than 100 ms", error, StringComparison.Ordinal);
        Assert.Contains("the argument itself may be valid", error, StringComparison.Ordinal);
        Assert.DoesNotContain("must match", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^[A-Z]{3}-[0-9]{4}$", "ABC-1234", true)]
    [InlineData("^[A-Z]{3}-[0-9]{4}$", "ABC-123", false)]
    [InlineData("^(?!admin$)[a-z]+$", "bob", true)] // a lookahead: the backtracking engine, as before
    [InlineData("^(?!admin$)[a-z]+$", "admin", false)]
    [InlineData("^(\\w)\\w*\\1$", "abca", true)] // a backreference: the same
    [InlineData("^(\\w)\\w*\\1$", "abcd", false)]
    [InlineData("colou?r", "the colour red", true)] // unanchored, as JSON Schema says
    public void Ordinary_patterns_validate_as_before(string pattern, string value, bool valid)
    {
        var errors = Validate(pattern, value);

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal($"argument 'code' must match the pattern {pattern}", e));
    }

    [Fact]
    public void A_pattern_that_does_not_parse_is_reported_not_thrown()
    {
        var error = Assert.Single(Validate("[a-", "abc"));

        Assert.Equal("argument 'code' could not be checked: the tool's schema pattern [a- is not a valid regular expression", error);
    }
}
