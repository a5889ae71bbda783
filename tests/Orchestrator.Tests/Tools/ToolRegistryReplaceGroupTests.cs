using System.Text.Json;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>A group (an MCP server's tools) replaced by its new list: added, updated, removed, and nothing of anyone else's touched.</summary>
public sealed class ToolRegistryReplaceGroupTests
{
    private static ToolDescriptor Tool(string name, string description = "does a thing", string schema = """{"type":"object","properties":{}}""") => new()
    {
        Name = name,
        Description = description,
        ParametersSchema = JsonDocument.Parse(schema).RootElement.Clone(),
        Invoke = (_, _) => Task.FromResult(name),
    };

    [Fact]
    public void A_new_list_adds_updates_removes_and_keeps_unchanged_descriptors()
    {
        var registry = new ToolRegistry();
        registry.ReplaceGroup("mcp:a", [(Tool("stays"), "stays"), (Tool("changes"), "changes"), (Tool("goes"), "goesAway")]);
        var unchanged = registry.Get("stays");

        var change = registry.ReplaceGroup("mcp:a", [
            (Tool("stays"), "stays"),
            (Tool("changes", schema: """{"type":"object","properties":{"x":{"type":"string"}}}"""), "changes"),
            (Tool("arrives"), "arrives")]);

        Assert.Equal(["arrives"], change.Added);
        Assert.Equal(["changes"], change.Updated);
        Assert.Equal(["goes"], change.Removed);
        Assert.Same(unchanged, registry.Get("stays"));
        Assert.Contains("\"x\"", registry.Get("changes").ParametersSchema.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("goes", registry.Names);
        Assert.Empty(registry.ForAgent(["mcp:a/goesAway"]));
        Assert.Equal(["arrives", "changes", "stays"], registry.ForAgent(["mcp:a"]).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_group_cannot_take_or_remove_a_name_that_another_group_or_a_local_tool_holds()
    {
        var registry = new ToolRegistry();
        var local = Tool("local_tool");
        registry.Add(local);
        registry.ReplaceGroup("mcp:b", [(Tool("b_tool"), "b_tool")]);
        var others = registry.Get("b_tool");

        var change = registry.ReplaceGroup("mcp:a", [(Tool("local_tool", "hijacked"), "local_tool"), (Tool("b_tool", "hijacked"), "b_tool"), (Tool("a_tool"), "a_tool")]);
        Assert.Equal([true, true, false], change.Taken);
        registry.ReplaceGroup("mcp:a", []);

        Assert.Same(local, registry.Get("local_tool"));
        Assert.Same(others, registry.Get("b_tool"));
        Assert.Empty(registry.ForAgent(["mcp:a"]));
        Assert.Equal(["b_tool", "local_tool"], registry.Names.Order(StringComparer.Ordinal));
    }
}
