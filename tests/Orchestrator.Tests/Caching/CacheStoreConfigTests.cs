using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Caching;

/// <summary><c>cache.store</c>: follows <c>state.provider</c> unless written; a bad value is a <c>file:line</c> error.</summary>
public sealed class CacheStoreConfigTests
{
    [Theory]
    [InlineData("cache: { enabled: true }", CacheStores.Memory)]
    [InlineData("cache: { enabled: true }\nstate: { provider: redis, connection_env: ORCHESTRATOR_REDIS }", CacheStores.Redis)]
    [InlineData("state: { provider: redis, connection_env: ORCHESTRATOR_REDIS }", CacheStores.Redis)]
    [InlineData("cache: { enabled: true, store: memory }\nstate: { provider: redis, connection_env: ORCHESTRATOR_REDIS }", CacheStores.Memory)]
    [InlineData("cache: { enabled: true, store: redis }\nstate: { provider: redis, connection_env: ORCHESTRATOR_REDIS }", CacheStores.Redis)]
    [InlineData("", CacheStores.Memory)]
    public void The_store_follows_state_unless_written(string sections, string expected)
    {
        using var deployment = new MiniDeployment(sections);

        Assert.Equal(expected, deployment.LoadConfig().Cache.Store);
    }

    [Theory]
    [InlineData("cache: { enabled: true, store: redis }", "cache.store is redis but state.provider is not redis")]
    [InlineData("cache: { enabled: true, store: redis }\nstate: { provider: sqlite }", "cache.store is redis but state.provider is not redis")]
    [InlineData("cache: { store: mongo }", "invalid store 'mongo'; expected one of: memory, redis")]
    [InlineData("cache: { store: Redis }", "invalid store 'Redis'")]
    [InlineData("cache: { store: '' }", "store")]
    [InlineData("cache: { store: [ redis ] }", "store")]
    public void A_bad_store_is_reported_with_file_and_line(string sections, string expected)
    {
        using var deployment = new MiniDeployment(sections);

        var loaded = ConfigLoader.Load(deployment.ConfigFile, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());

        var error = Assert.Single(loaded.Errors);
        Assert.Matches(@"orchestrator\.yaml:\d+", error.ToString());
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_store_value_is_one_error_not_a_crash()
    {
        using var deployment = new MiniDeployment($"cache: {{ store: {new string('r', 200_000)} }}");

        var loaded = ConfigLoader.Load(deployment.ConfigFile, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());

        Assert.Contains("invalid store", Assert.Single(loaded.Errors).ToString(), StringComparison.Ordinal);
    }
}
