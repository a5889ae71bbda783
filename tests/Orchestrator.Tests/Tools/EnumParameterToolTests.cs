using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// A host's own tool with a plain C# enum parameter (no JsonStringEnumConverter): the schema offers
/// the names as strings, so a call with one of them must run, not fail conversion (walk32).
/// </summary>
public sealed class EnumParameterToolTests
{
    [Theory]
    [InlineData("Laptop", "ordered laptop")]
    [InlineData("Dock", "ordered dock")]
    public async Task A_plain_enum_parameter_accepts_the_names_its_schema_lists(string item, string expected)
    {
        var registry = new ToolRegistry().AddPlugin(new EquipmentTools());
        var schemaNames = registry.GetParametersSchema("order_equipment").GetProperty("properties").GetProperty("item")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["Laptop", "Monitor", "Dock"], schemaNames);

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("order_equipment"), Arguments($$"""{"item":"{{item}}"}"""));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal(expected, outcome.Result);
    }

    [Theory]
    [InlineData("""{"item":"chair"}""")]
    [InlineData("""{"item":"1"}""")]
    public async Task A_value_outside_the_enum_is_still_rejected_and_nothing_runs(string json)
    {
        var tools = new EquipmentTools();
        var registry = new ToolRegistry().AddPlugin(tools);

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("order_equipment"), Arguments(json));

        Assert.False(outcome.Ok);
        Assert.True(outcome.Rejected);
        Assert.Equal(0, tools.Orders);
    }

    private static JsonElement Arguments(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public enum EquipmentItem
    {
        Laptop,
        Monitor,
        Dock,
    }

    private sealed class EquipmentTools
    {
        public int Orders { get; private set; }

        [KernelFunction("order_equipment"), Description("Orders a piece of work equipment.")]
        public string Order([Description("The item to order")] EquipmentItem item)
        {
            Orders++;
            return "ordered " + item.ToString().ToLowerInvariant();
        }
    }
}
