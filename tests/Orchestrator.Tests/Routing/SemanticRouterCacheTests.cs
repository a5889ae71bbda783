using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

public sealed class SemanticRouterCacheTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    [Fact]
    public async Task A_second_fit_with_the_same_inputs_loads_the_cache_without_embedding()
    {
        using var dir = new TempDirectory();
        var embedder = new CountingEmbedder();
        var first = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), embedder, FastOptions, dir.Path);
        var embeddedByFit = embedder.Embedded;

        var second = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), embedder, FastOptions, dir.Path);

        Assert.False(first.LoadedFromCache);
        Assert.True(second.LoadedFromCache);
        Assert.Equal(embeddedByFit, embedder.Embedded);
        Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Equal(first.Threshold, second.Threshold);
        var a = await first.RouteAsync("how do I claim my hotel costs");
        var b = await second.RouteAsync("how do I claim my hotel costs");
        Assert.Equal(a.Route, b.Route);
        Assert.Equal(a.Confidence, b.Confidence, 6);
        Assert.Equal(a.OutOfScope, b.OutOfScope);
    }

    [Fact]
    public async Task Different_inputs_or_options_do_not_share_a_cache_file()
    {
        using var dir = new TempDirectory();
        await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions, dir.Path);
        var otherOptions = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions with { Seed = 5 }, dir.Path);
        var otherData = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(withNegatives: false), SharedEmbedder.Instance, FastOptions, dir.Path);

        Assert.False(otherOptions.LoadedFromCache);
        Assert.False(otherData.LoadedFromCache);
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public async Task A_corrupt_cache_file_is_refitted_and_overwritten(string damage)
    {
        using var dir = new TempDirectory();
        await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions, dir.Path);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        var bytes = await File.ReadAllBytesAsync(file);
        var damaged = damage switch
        {
            "garbage" => Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray(),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => [],
        };
        await File.WriteAllBytesAsync(file, damaged);

        var refitted = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions, dir.Path);
        var reloaded = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions, dir.Path);

        Assert.False(refitted.LoadedFromCache);
        Assert.Equal("it_password", (await refitted.RouteAsync("I forgot my password")).Route);
        Assert.True(reloaded.LoadedFromCache);
    }
}
