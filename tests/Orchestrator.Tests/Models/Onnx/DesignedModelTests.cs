using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Agents;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>The real GenAI path end to end on <see cref="DesignedModel"/>, whose greedy output is known.</summary>
public sealed class DesignedModelTests : IDisposable
{
    private static readonly ChatMessage[] Ask = [new(ChatRole.System, "be brief"), new(ChatRole.User, "what is the answer?")];
    private readonly string _root = Directory.CreateTempSubdirectory("onnx-designed-").FullName;

    public DesignedModelTests() => DesignedModel.Write(Path.Combine(_root, "bigram"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IChatClient Client(OnnxProviderOptions? options = null) =>
        OnnxChatClientFactory.Create(new ModelConfig { Name = "bigram", Provider = "onnx", Path = "bigram" }, _root, NullLoggerFactory.Instance, options);

    [Fact]
    public async Task Greedy_answer_is_the_designed_phrase_with_usage()
    {
        using var client = Client();

        var response = await client.GetResponseAsync(Ask);

        Assert.Equal(DesignedModel.Answer, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage!.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 5);
    }
}
