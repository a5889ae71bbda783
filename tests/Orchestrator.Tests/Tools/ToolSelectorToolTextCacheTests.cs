using System.Globalization;
using System.Text.Json;
using Orchestrator.Tests.Guardian.Classifiers;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// The selector's vectors of tool texts are keyed by the text: a tool whose description changes (an MCP
/// server's changed list) is ranked by its new text, and descriptions that keep changing cannot grow the cache without bound.
/// </summary>
public sealed class ToolSelectorToolTextCacheTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static ToolDescriptor Tool(string description) => new() { Name = "look_up", Description = description, ParametersSchema = Schema };

    [Fact]
    public async Task A_changed_description_is_embedded_and_the_cache_stays_bounded_however_often_it_changes()
    {
        var embedder = new LetterHistogramEmbedder();
        var selector = new ToolSelector(embedder);
        var rounds = ToolSelector.MaxToolTextCacheSize + 500;
        for (var i = 0; i < rounds; i++)
        {
            var ranked = await selector.RankAsync("look up a record", [Tool(string.Create(CultureInfo.InvariantCulture, $"Looks up record {i}."))]);
            Assert.Single(ranked);
            Assert.True(selector.CachedToolTexts <= ToolSelector.MaxToolTextCacheSize, $"{selector.CachedToolTexts} tool texts cached after {i + 1} descriptions");
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"look up: Looks up record {rounds - 1}."), embedder.Seen);
    }
}
