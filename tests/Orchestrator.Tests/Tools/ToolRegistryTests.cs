using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

public sealed class ToolRegistryTests : IDisposable
{
    private readonly ToolTestKit _kit = new();

    [Fact]
    public void Sample_tools_are_registered_by_snake_case_name()
    {
        Assert.Equal(["calculate", "convert_currency", "create_it_ticket", "get_leave_balance"], _kit.Registry.Names.Order(StringComparer.Ordinal));
        Assert.Contains("ticket", _kit.Registry.GetDescription("create_it_ticket"), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(_kit.Registry.Get("get_leave_balance").Examples);
    }

    [Fact]
    public void Ticket_schema_has_required_summary_and_priority_enum()
    {
        var schema = _kit.Registry.GetParametersSchema("create_it_ticket");
        Assert.Equal(["summary"], ToolSchemaValidator.RequiredNames(schema));
        var priority = schema.GetProperty("properties").GetProperty("priority");
        Assert.Equal(["P1", "P2", "P3", "P4"], priority.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(schema.GetProperty("properties").TryGetProperty("requester_email", out _));
        Assert.False(schema.GetProperty("properties").TryGetProperty("cancellationToken", out _));
    }

    [Fact]
    public void AIFunction_and_declaration_carry_the_same_name_and_schema()
    {
        var function = _kit.Registry.GetAIFunction("convert_currency");
        var declaration = _kit.Registry.Get("convert_currency").Declaration;
        Assert.Equal("convert_currency", function.Name);
        Assert.Equal("convert_currency", declaration.Name);
        Assert.True(JsonElement.DeepEquals(function.JsonSchema, declaration.JsonSchema));
        Assert.True(_kit.Registry.TryGet("convert_currency", out var kernelFunction));
        Assert.Equal(kernelFunction.Metadata.Parameters.Select(p => p.Name), ["amount", "from", "to"]);
    }

    [Fact]
    public async Task AIFunction_validates_before_invoking()
    {
        var function = _kit.Registry.GetAIFunction("convert_currency");

        var bad = await function.InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments { ["amount"] = 5, ["from"] = "USD", ["to"] = "XXX" });
        var good = await function.InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments { ["amount"] = 104, ["from"] = "USD", ["to"] = "EUR" });

        Assert.StartsWith("error: invalid arguments", bad?.ToString(), StringComparison.Ordinal);
        Assert.Contains("100.00 EUR", good?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_feed_config_validation_and_agents_get_only_their_tools()
    {
        var context = new ConfigValidationContext();
        context.ToolNames.UnionWith(_kit.Registry.Names);
        Assert.Contains("create_it_ticket", context.ToolNames);

        var offered = _kit.Registry.ForAgent(["get_leave_balance", "not_a_tool", "get_leave_balance"]);
        Assert.Equal(["get_leave_balance"], offered.Select(t => t.Name));
    }

    [Fact]
    public void Duplicate_and_non_snake_case_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _kit.Registry.AddPlugin(new Orchestrator.Cli.SampleTools.CalculatorTools(), "again"));
        Assert.Throws<ArgumentException>(() => new ToolRegistry().AddPlugin(new BadlyNamedTool()));
        Assert.Throws<KeyNotFoundException>(() => _kit.Registry.Get("missing"));
    }

    public void Dispose() => _kit.Dispose();

    private sealed class BadlyNamedTool
    {
        [Microsoft.SemanticKernel.KernelFunction("DoThing")]
        [System.ComponentModel.Description("Bad name")]
        public string DoThing() => "x";
    }
}
