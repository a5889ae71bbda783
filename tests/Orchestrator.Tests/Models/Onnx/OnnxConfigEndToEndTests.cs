using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>orchestrator.yaml → ModelFactory → ONNX Runtime GenAI → generation specialist → response, on the designed model.</summary>
public sealed class OnnxConfigEndToEndTests
{
    private static string WriteDeployment(TempDirectory dir, string modelFields)
    {
        DesignedModel.Write(Path.Combine(dir.Path, "models", "bigram"));
        dir.Write("agents/writer.yaml", """
            name: writer
            kind: generation
            description: Drafts short texts.
            examples: [ "Draft an announcement", "write an email to the team", "compose a short note" ]
            model: local
            guardian: [ pii ]
            """);
        return dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              local:    { provider: onnx, path: models/bigram{{modelFields}} }
            agents: agents/
            """);
    }

    [Fact]
    public async Task A_generation_agent_answers_with_the_configured_onnx_model()
    {
        using var dir = new TempDirectory();
        var loaded = ConfigLoader.Load(WriteDeployment(dir, ", max_concurrency: 2, queue_timeout_seconds: 5, prompt_format: auto, max_output_tokens: 32"), BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        Assert.Equal(2, loaded.Config!.Models["local"].MaxConcurrency);

        await using var runtime = await OrchestratorRuntime.StartAsync(loaded.Config, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config) });
        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Draft an announcement", "writer"));

        Assert.True(response.Answer == DesignedModel.Answer, response.Answer);
        Assert.False(response.Escalation.Needed);
    }

    [Fact]
    public void Bad_onnx_options_are_config_errors_with_lines()
    {
        using var dir = new TempDirectory();
        var loaded = ConfigLoader.Load(WriteDeployment(dir, ", max_concurrency: 0, prompt_format: gpt9"), BuiltInTools.ValidationContext());

        Assert.Contains(loaded.Errors, e => e.Line == 3 && e.Message.Contains("max_concurrency", StringComparison.Ordinal));
        Assert.Contains(loaded.Errors, e => e.Line == 3 && e.Message.Contains("gpt9", StringComparison.Ordinal));
    }
}
