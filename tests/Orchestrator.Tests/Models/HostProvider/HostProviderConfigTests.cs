using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary><c>provider: host</c> in orchestrator.yaml: the fields that still mean something, and those that do not.</summary>
public sealed class HostProviderConfigTests
{
    [Fact]
    public void A_host_model_takes_price_output_defaults_and_resilience()
    {
        using var d = new HostChatClientDeployment();

        var result = ConfigLoader.Load(d.ConfigFile);

        Assert.Empty(result.Errors);
        var cloud = result.Config!.Models["cloud"];
        Assert.Equal(ModelProviders.Host, cloud.Provider);
        Assert.Equal(1, cloud.Price!.OutputPerMtok);
        Assert.Equal(256, cloud.MaxOutputTokens);
        Assert.Equal(1, cloud.Resilience!.MaxRetries);
    }

    [Fact]
    public void Transport_fields_on_a_host_model_are_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("agents/.keep", "");
        var path = dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: host, endpoint: "https://api.openai.com/v1", api_key_env: OPENAI_API_KEY }
            agents: agents/
            """);

        var result = ConfigLoader.Load(path);

        Assert.Contains(result.Errors, e => e.ToString().Contains("field 'endpoint' does not apply to provider host", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.ToString().Contains("field 'api_key_env' does not apply to provider host", StringComparison.Ordinal));
    }
}
