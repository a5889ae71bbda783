using Orchestrator.Retrieval.Storage;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

/// <summary><c>store.ann</c>: read into the store's options, malformed values reported at their line.</summary>
public sealed class StoreAnnConfigTests
{
    private const string PathLine = "path: .orchestrator/store.db";

    private static Orchestrator.Configuration.ConfigLoadResult LoadWithAnn(string ann)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(PathLine, PathLine + "\n  ann: " + ann, StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void Defaults_apply_without_the_section()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml);

        var ann = AnnIndexOptions.FromConfig(fixture.Load().Config!.Store.Ann);

        Assert.Equal((true, 20_000, 128), (ann.Enabled, ann.MinChunks, ann.ExpansionSearch));
    }

    [Fact]
    public void Written_values_reach_the_store_options()
    {
        var result = LoadWithAnn("{ enabled: false, min_chunks: 5000, expansion_search: 256 }");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var ann = AnnIndexOptions.FromConfig(result.Config!.Store.Ann);
        Assert.Equal((false, 5000, 256), (ann.Enabled, ann.MinChunks, ann.ExpansionSearch));
    }

    [Theory]
    [InlineData("{ min_chunks: 0 }", "'min_chunks' is 0; expected a whole number from 1 to 1,000,000,000")]
    [InlineData("{ min_chunks: many }", "'min_chunks' is many; expected a whole number from 1 to")]
    [InlineData("{ min_chunks: 99999999999999999999999 }", "expected a whole number from 1 to")]
    [InlineData("{ expansion_search: -3 }", "'expansion_search' is -3; expected a whole number from 1 to 4,096")]
    [InlineData("{ expansion_search: 5000 }", "'expansion_search' is 5000; expected a whole number from 1 to 4,096")]
    [InlineData("{ expansion_search: \"\" }", "expansion_search")]
    [InlineData("{ enabled: sometimes }", "'enabled' is 'sometimes'; expected true or false")]
    [InlineData("{ min_chunk: 10 }", "unknown field 'min_chunk' in store.ann")]
    [InlineData("[ 20000 ]", "'ann' must be a mapping")]
    public void Malformed_values_are_reported_where_they_are_written(string ann, string message)
    {
        HasError(LoadWithAnn(ann), "orchestrator.yaml", 19, message);
    }

    [Fact]
    public void The_parser_and_the_store_agree_on_the_largest_expansion()
    {
        Assert.Equal(AnnIndexOptions.MaxExpansionSearch, Orchestrator.Configuration.StoreAnnSection.MaxExpansionSearch);
    }

    [Fact]
    public void The_store_rejects_options_the_parser_would_have_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteVectorStore("x.db", new AnnIndexOptions { MinChunks = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteVectorStore("x.db", new AnnIndexOptions { ExpansionSearch = 4097 }));
    }
}
