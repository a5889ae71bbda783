using System.Text.Json;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>Requests read the registry while a server that joins late registers its tools.</summary>
public sealed class ToolRegistryConcurrencyTests
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static ToolDescriptor Tool(string name) => new()
    {
        Name = name,
        Description = name,
        ParametersSchema = EmptySchema,
        Invoke = (_, _) => Task.FromResult(name),
    };

    [Fact]
    public async Task Lookups_during_registration_never_throw_and_see_whole_groups()
    {
        var registry = new ToolRegistry();
        registry.Add(Tool("always_there"));
        using var stop = new CancellationTokenSource();
        using var readersRunning = new CountdownEvent(4);
        var torn = 0;
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                // Enumerating while a writer adds is what shared dictionaries and lists fail on ("Collection was modified").
                var names = new List<string>();
                foreach (var name in registry.Names)
                {
                    names.Add(name);
                }

                Assert.Contains("always_there", names);
                Assert.All(registry.ForAgent(["mcp:big"]), t => Assert.StartsWith("big_", t.Name, StringComparison.Ordinal));
                Assert.Single(registry.ForAgent(["always_there"]));
                Assert.NotEmpty(registry.All);
                Assert.True(registry.UnavailableReasons(["mcp:g7"]).Count <= 1);
                var group = registry.ForAgent(["mcp:g3"]).Count;
                if (group is not (0 or 20))
                {
                    Interlocked.Increment(ref torn);
                }

                if (++reads == 1)
                {
                    readersRunning.Signal();
                }
            }

            return reads;
        })).ToList();

        Assert.True(readersRunning.Wait(TimeSpan.FromSeconds(30)), "the readers did not start");
        for (var i = 0; i < 1500; i++)
        {
            registry.Add(Tool($"big_{i}"), "mcp:big");
        }

        for (var g = 0; g < 50; g++)
        {
            registry.MarkUnavailable($"mcp:g{g}", $"g{g} is down");
            registry.ReplaceGroup($"mcp:g{g}", [.. Enumerable.Range(0, 20).Select(i => (Tool($"g{g}_tool_{i}"), (string?)$"g{g}Tool{i}"))]);
            registry.Add(Tool($"single_{g}"), $"mcp:s{g}");
        }

        await stop.CancelAsync();
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(0, torn);
        Assert.Equal(1 + 1500 + (50 * 20) + 50, registry.Names.Count);
        Assert.Empty(registry.UnavailableReasons(["mcp:g7"]));
        Assert.Equal("g7_tool_3", Assert.Single(registry.ForAgent(["mcp:g7/g7Tool3"])).Name);
    }

    [Fact]
    public void A_group_added_late_skips_taken_names_and_clears_its_unavailable_mark()
    {
        var registry = new ToolRegistry();
        registry.Add(Tool("taken"));
        registry.MarkUnavailable("mcp:late", "MCP server 'late' is unavailable");

        var change = registry.ReplaceGroup("mcp:late", [(Tool("taken"), "taken"), (Tool("fresh"), "freshTool"), (Tool("fresh"), "again")]);

        Assert.Equal([true, false, true], change.Taken);
        Assert.Equal(["fresh"], change.Added);
        Assert.Equal(["fresh"], registry.ForAgent(["mcp:late"]).Select(t => t.Name));
        Assert.Equal("fresh", Assert.Single(registry.ForAgent(["mcp:late/freshTool"])).Name);
        Assert.Empty(registry.UnavailableReasons(["mcp:late"]));
    }

    [Fact]
    public void A_plugin_that_fails_half_way_registers_nothing()
    {
        var registry = new ToolRegistry();
        registry.Add(Tool("calculate"));

        registry.Add(Tool("second_tool"));

        Assert.Throws<ArgumentException>(() => registry.AddPlugin(new TwoTools()));

        Assert.Equal(["calculate", "second_tool"], registry.Names.Order(StringComparer.Ordinal));
    }

    private sealed class TwoTools
    {
        [Microsoft.SemanticKernel.KernelFunction("first_tool"), System.ComponentModel.Description("first")]
        public static string First() => "first";

        [Microsoft.SemanticKernel.KernelFunction("second_tool"), System.ComponentModel.Description("second")]
        public static string Second() => "second";
    }
}
