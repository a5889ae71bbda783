using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary><c>eval routing|retrieval|guardian|tools --quantization int8|none</c>: an unknown value is a usage error naming the choices.</summary>
public sealed class EvalQuantizationCliTests
{
    [Theory]
    [InlineData("int4")]
    [InlineData("")]
    [InlineData("INT8 ")]
    public async Task An_unknown_quantization_is_a_usage_error(string value)
    {
        using var dir = new TempDirectory();
        dir.Write("train.jsonl", "{\"text\": \"hello\", \"label\": \"greet\"}\n");

        foreach (var args in new[]
        {
            new[] { "eval", "routing", "--train", "train.jsonl", "--test", "train.jsonl", "--quantization", value },
            new[] { "eval", "retrieval", "--dataset", "train.jsonl", "--quantization", value },
            new[] { "eval", "guardian", "--task", "harm", "--dataset", "train.jsonl", "--quantization", value },
            new[] { "eval", "guardian", "--task", "groundedness", "--dataset", "train.jsonl", "--quantization", value },
            new[] { "eval", "tools", "--questions", "train.jsonl", "--quantization", value },
        })
        {
            var result = await CliRunner.RunAsync(dir.Path, null, args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("int8", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }
}
