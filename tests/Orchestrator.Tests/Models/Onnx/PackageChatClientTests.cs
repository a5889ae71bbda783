using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>
/// Why the <c>onnx</c> provider owns its decode loop instead of using the package's
/// <see cref="OnnxRuntimeGenAIChatClient"/> (docs/onnx-provider.md): on a model that ends its answer
/// with end-of-sequence, the package's client (0.18.0) emits the last word twice, because after the
/// generator is done it decodes the last token of the sequence again. A JSON reply then ends "}}",
/// which breaks the SLM router. If this test fails after a package upgrade, the defect is fixed and
/// the stock client can be reconsidered.
/// </summary>
public sealed class PackageChatClientTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("onnx-package-").FullName, "bigram");

    public PackageChatClientTests() => DesignedModel.Write(_folder);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Fact]
    public async Task The_packages_chat_client_repeats_the_final_token_at_end_of_sequence()
    {
        using var client = new OnnxRuntimeGenAIChatClient(_folder, new OnnxRuntimeGenAIChatClientOptions
        {
            PromptFormatter = (messages, _) => string.Concat(messages.Select(m => m.Text)),
        });

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "what is the answer?")], new ChatOptions { MaxOutputTokens = 32 });

        Assert.Equal(DesignedModel.Answer + " two", response.Text);
    }
}
