using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

public sealed class ModelFolderErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("onnx-errors-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<OnnxModelException> LoadFails(string relative)
    {
        var model = new ModelConfig { Name = "m", Provider = "onnx", Path = relative };
        using var client = OnnxChatClientFactory.Create(model, _root, NullLoggerFactory.Instance);
        return await Assert.ThrowsAsync<OnnxModelException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));
    }

    [Fact]
    public async Task Missing_folder_names_the_resolved_path()
    {
        var error = await LoadFails("nowhere");

        Assert.Equal(Path.Combine(_root, "nowhere"), error.ModelFolder);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("model builder", error.Message);
    }

    [Fact]
    public async Task Missing_and_corrupt_genai_config_are_reported()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var corrupt = Directory.CreateDirectory(Path.Combine(_root, "corrupt")).FullName;
        await File.WriteAllTextAsync(Path.Combine(corrupt, "genai_config.json"), "{ \"model\": { \"type\": ");

        Assert.Contains("genai_config.json is missing", (await LoadFails("empty")).Message);
        Assert.Contains("genai_config.json is not a valid GenAI config", (await LoadFails("corrupt")).Message);
    }

    [Fact]
    public async Task Missing_decoder_file_is_named()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "nofile")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "genai_config.json"),
            """{ "model": { "type": "gpt2", "vocab_size": 10, "context_length": 8, "decoder": { "filename": "model.onnx" } } }""");

        var error = await LoadFails("nofile");

        Assert.Contains("'model.onnx', which is missing", error.Message);
    }

    [Fact]
    public async Task Native_load_failure_is_wrapped_with_the_folder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "garbage")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "genai_config.json"),
            """{ "model": { "type": "gpt2", "vocab_size": 10, "context_length": 8, "decoder": { "filename": "model.onnx", "head_size": 2, "num_hidden_layers": 1, "num_key_value_heads": 1, "num_attention_heads": 1, "hidden_size": 2 } } }""");
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.onnx"), [1, 2, 3, 4]);

        var error = await LoadFails("garbage");

        Assert.Equal(folder, error.ModelFolder);
        Assert.Contains("could not load it", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Model_without_path_is_rejected_up_front()
    {
        var model = new ModelConfig { Name = "m", Provider = "onnx" };

        Assert.Throws<OnnxModelException>(() => OnnxChatClientFactory.Create(model, _root, NullLoggerFactory.Instance));
    }
}
