using System.Text.Json;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

public sealed class ToolSchemaValidatorTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","required":["name","count"],"properties":{
          "name":{"type":"string","minLength":2,"maxLength":5,"pattern":"^[a-z]+$"},
          "count":{"type":"integer","minimum":1,"maximum":10},
          "ratio":{"type":"number"},
          "mode":{"type":"string","enum":["fast","slow"]},
          "tags":{"type":"array","items":{"type":"string"}},
          "note":{"type":["string","null"]}}}
        """).RootElement;

    [Fact]
    public void Valid_arguments_pass()
    {
        Assert.Empty(Validate("""{"name":"abc","count":3,"ratio":0.5,"mode":"fast","tags":["a"],"note":null}"""));
    }

    [Theory]
    [InlineData("""{"count":3}""", "missing required argument 'name'")]
    [InlineData("""{"name":"abc","count":"3"}""", "'count' must be of type integer")]
    [InlineData("""{"name":"abc","count":2.5}""", "'count' must be of type integer")]
    [InlineData("""{"name":"abc","count":11}""", "'count' must be at most 10")]
    [InlineData("""{"name":"abc","count":0}""", "'count' must be at least 1")]
    [InlineData("""{"name":"abc","count":1,"mode":"FAST"}""", "'mode' must be one of")]
    [InlineData("""{"name":"a","count":1}""", "at least 2 characters")]
    [InlineData("""{"name":"abcdef","count":1}""", "at most 5 characters")]
    [InlineData("""{"name":"ab1","count":1}""", "must match the pattern")]
    [InlineData("""{"name":"abc","count":1,"tags":[1]}""", "'tags[0]' must be of type string")]
    [InlineData("""{"name":"abc","count":1,"extra":true}""", "unknown argument 'extra'")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    public void Invalid_arguments_are_reported(string arguments, string expected)
    {
        Assert.Contains(Validate(arguments), e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Validate(string json) => ToolSchemaValidator.Validate(Schema, JsonDocument.Parse(json).RootElement);
}
