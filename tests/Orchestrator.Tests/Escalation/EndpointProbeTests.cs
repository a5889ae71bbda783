using Orchestrator.Configuration;
using Orchestrator.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>The start-up reachability warning for escalation endpoints (serve).</summary>
public sealed class EndpointProbeTests
{
    private static OrchestratorConfig ConfigWith(params (string Name, string Provider, string? Endpoint)[] models) => new()
    {
        ConfigFile = Path.Combine(Path.GetTempPath(), "orchestrator.yaml"),
        Models = models.ToDictionary(m => m.Name, m => new ModelConfig { Name = m.Name, Provider = m.Provider, Endpoint = m.Endpoint, Model = "m" }),
    };

    [Fact]
    public async Task A_listening_endpoint_gives_no_warning()
    {
        await using var server = FakeOpenAiServer.Start();
        var config = ConfigWith(("cloud", ModelProviders.OpenAI, server.Endpoint.ToString()));

        var warnings = await EndpointProbe.CheckAsync(config, ["cloud"]);

        Assert.Empty(warnings);
        Assert.Empty(server.Requests); // a connection only: nothing is sent
    }

    [Fact]
    public async Task A_closed_port_is_one_clear_warning_naming_the_model_and_address()
    {
        using var closed = new ClosedPort();
        var port = closed.Port;
        var config = ConfigWith(("cloud", ModelProviders.OpenAI, $"http://127.0.0.1:{port}/v1"), ("backup", ModelProviders.OpenAI, $"http://127.0.0.1:{port}/v1"));

        var warnings = await EndpointProbe.CheckAsync(config, ["cloud"]);

        var warning = Assert.Single(warnings);
        Assert.Contains("'cloud'", warning, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", warning, StringComparison.Ordinal);
        Assert.Contains("unreachable", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onnx_and_unknown_models_are_not_probed()
    {
        var config = ConfigWith(("local", ModelProviders.Onnx, null));

        var warnings = await EndpointProbe.CheckAsync(config, ["local", "missing"]);

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_relative_endpoint_is_reported_not_thrown()
    {
        var config = ConfigWith(("cloud", ModelProviders.OpenAI, "not a url"));

        var warnings = await EndpointProbe.CheckAsync(config, ["cloud"]);

        Assert.Contains("not an absolute URL", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
