using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Agents;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

/// <summary>
/// Trace ids stay inside: requests to openai models carry no <c>traceparent</c>/<c>tracestate</c>
/// unless the model sets <c>propagate_trace_context: true</c>. Checked on the fake server's wire.
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trace_headers_leave_only_when_configured(bool propagate)
    {
        var model = new ModelConfig
        {
            Name = OpenAiTestConfig.ModelName,
            Provider = ModelProviders.OpenAI,
            Endpoint = _server.Endpoint.ToString(),
            Model = "fake-gpt",
            MaxRetries = 0,
            PropagateTraceContext = propagate,
        };
        using var client = ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, NullLoggerFactory.Instance);
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var parent = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        parent.TraceStateString = "tenant=acme";

        await client.GetResponseAsync("hello");
        await foreach (var _ in client.GetStreamingResponseAsync("hello"))
        {
        }

        Assert.Equal(2, _server.Requests.Count);
        foreach (var request in _server.Requests)
        {
            if (propagate)
            {
                Assert.Contains(parent.TraceId.ToString(), request.Header("traceparent") ?? "", StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(request.Header("traceparent"));
                Assert.Null(request.Header("tracestate"));
                Assert.Null(request.Header("Request-Id"));
                Assert.Null(request.Header("baggage"));
            }
        }
    }

    [Fact]
    public void The_switch_is_read_from_yaml_and_is_off_by_default()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
              traced: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: m, propagate_trace_context: true }
              quiet: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: m }
            agents: agents/
            """);
        dir.Write("agents/a.yaml", Agent("quiet"));

        var config = TestRuntimes.LoadValid(file);

        Assert.True(config.Models["traced"].PropagateTraceContext);
        Assert.False(config.Models["quiet"].PropagateTraceContext);
    }

    [Theory]
    [InlineData("propagate_trace_context: yes please")]
    [InlineData("propagate_trace_context: [ true ]")]
    public void A_non_boolean_switch_is_a_config_error_with_its_line(string field)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              traced: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: m, {{field}} }
            agents: agents/
            """);
        dir.Write("agents/a.yaml", Agent("traced"));

        var result = ConfigLoader.Load(file, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());

        ConfigAssert.HasError(result, "orchestrator.yaml", 3, "true or false");
    }

    private static string Agent(string model) => $"""
        name: writer
        kind: generation
        description: Drafts short notes for the team.
        examples: [ "draft a note", "write a short memo", "compose a reminder" ]
        model: {model}
        """;
}
