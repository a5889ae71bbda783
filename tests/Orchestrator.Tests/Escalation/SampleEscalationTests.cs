using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Escalation;

/// <summary>The shipped sample with a cloud target switched on: off-topic requests are answered by the cloud.</summary>
public sealed class SampleEscalationTests
{
    [Fact]
    public async Task Out_of_scope_question_on_the_sample_is_answered_by_the_cloud_without_running_a_specialist()
    {
        using var dir = new TempDirectory();
        await using var cloud = FakeOpenAiServer.Start();
        cloud.DefaultReply = FakeOpenAiReply.WithText("Layer pasta, vegetables, ricotta and sauce; bake 45 minutes.");
        var config = RepoPaths.CopySample(dir.Path);
        var yaml = File.ReadAllText(config)
            .Replace("models:\n", $"models:\n  cloud: {{ provider: openai, endpoint: \"{cloud.Endpoint}\", model: fake-cloud, max_retries: 0 }}\n", StringComparison.Ordinal)
            .Replace("  # target: cloud", "  target: cloud", StringComparison.Ordinal);
        File.WriteAllText(config, yaml);
        await using var runtime = await TestRuntimes.StartAsync(config);

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("What's a good recipe for a vegetarian lasagna?"));

        Assert.True(response.Route.OutOfScope);
        Assert.Equal("out_of_scope", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("cloud", response.Escalation.Target);
        Assert.StartsWith("Layer pasta", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Attempts, a => a.Stage != "cloud");
        var sent = Assert.Single(cloud.Requests);
        Assert.Contains("lasagna", sent.Messages[^1].Content, StringComparison.Ordinal);
    }
}
