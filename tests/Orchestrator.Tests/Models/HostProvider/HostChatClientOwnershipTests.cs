using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary>The model registry wraps the host's client and disposes its own wrappers, never the host's client.</summary>
public sealed class HostChatClientOwnershipTests
{
    private static readonly OrchestratorConfig Config = new()
    {
        ConfigFile = Path.Combine(Path.GetTempPath(), "orchestrator.yaml"),
        Models = new Dictionary<string, ModelConfig>
        {
            ["cloud"] = new() { Name = "cloud", Provider = ModelProviders.Host, MaxOutputTokens = 64 },
        },
    };

    [Fact]
    public async Task The_registry_serves_the_hosts_client_and_leaves_it_undisposed()
    {
        using var fake = new FakeChatClient { Reply = "hello" };
        var registry = new ModelRegistry(Config, NullLoggerFactory.Instance, TimeProvider.System, name => name == "cloud" ? fake : null);

        var response = await registry.GetChatClient("cloud").GetResponseAsync("hi");
        registry.Dispose();

        Assert.Equal("hello", response.Text);
        Assert.False(fake.Disposed);
    }

    [Fact]
    public void Without_the_hosts_client_the_model_is_unavailable_naming_the_registration()
    {
        using var registry = new ModelRegistry(Config, NullLoggerFactory.Instance, TimeProvider.System, _ => null);

        var ex = Assert.Throws<ModelUnavailableException>(() => registry.GetChatClient("cloud"));

        Assert.Contains("services.AddKeyedChatClient(\"cloud\", ...)", ex.Message, StringComparison.Ordinal);
    }
}
