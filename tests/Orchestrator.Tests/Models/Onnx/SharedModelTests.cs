using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models.Onnx;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>
/// The real GenAI path on an official export with random weights: only shape-level facts are
/// asserted (counts, determinism, stream equals non-stream), never the text itself.
/// Its tokenizer is full GPT-2 (50257 ids) while the model's vocabulary is 1000, so prompts use
/// the raw format and words whose GPT-2 ids are below 1000.
/// </summary>
public sealed class SharedModelTests(ITestOutputHelper output)
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "in the and of that is on")];

    private IChatClient? Client(out string? folder, OnnxProviderOptions? options = null)
    {
        folder = ModelFolders.SharedTinyGpt2();
        if (folder is null)
        {
            output.WriteLine(ModelFolders.NotFoundLine("tiny-random-gpt2"));
            return null;
        }

        var model = new ModelConfig { Name = "tiny", Provider = "onnx", Path = folder };
        return OnnxChatClientFactory.Create(model, "/", NullLoggerFactory.Instance, options ?? new OnnxProviderOptions { PromptFormat = "raw" });
    }

    [Fact]
    public async Task Generates_up_to_max_tokens_with_usage()
    {
        using var client = Client(out _);
        if (client is null)
        {
            return;
        }

        var response = await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 12 });

        Assert.NotNull(response.Usage);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 1, 12);
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task Greedy_is_deterministic_and_streaming_matches()
    {
        using var client = Client(out _);
        if (client is null)
        {
            return;
        }

        var options = new ChatOptions { MaxOutputTokens = 16 };
        var first = await client.GetResponseAsync(Prompt, options);
        var second = await client.GetResponseAsync(Prompt, options);
        var streamed = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(Prompt, options))
        {
            if (update.Text.Length > 0)
            {
                streamed.Add(update.Text);
            }
        }

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Text, string.Concat(streamed));
        Assert.True(streamed.Count > 1, "streaming should deliver more than one piece");
    }

    [Fact]
    public async Task Mid_stream_cancellation_stops_and_model_stays_usable()
    {
        using var client = Client(out _);
        if (client is null)
        {
            return;
        }

        using var cts = new CancellationTokenSource();
        var pieces = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 200 }, cts.Token))
            {
                if (update.Text.Length > 0 && ++pieces == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(2, pieces);
        var after = await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 4 });
        Assert.True(after.Usage!.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Out_of_vocabulary_prompt_is_a_clear_error_and_model_stays_usable()
    {
        using var client = Client(out var folder);
        if (client is null)
        {
            return;
        }

        var error = await Assert.ThrowsAsync<OnnxModelException>(() => client.GetResponseAsync([new(ChatRole.User, "Assistant 🦜 ⟁")]));

        Assert.Contains("outside the model's vocabulary of 1000", error.Message);
        Assert.Equal(folder, error.ModelFolder);
        var after = await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 3 });
        Assert.True(after.Usage!.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Sampling_runs_with_temperature()
    {
        using var client = Client(out _);
        if (client is null)
        {
            return;
        }

        var response = await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 8, Temperature = 0.9f, TopP = 0.9f, Seed = 7 });

        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 8);
    }

    [Fact]
    public async Task Reports_throughput()
    {
        using var client = Client(out _);
        if (client is null)
        {
            return;
        }

        await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 4 });
        var watch = Stopwatch.StartNew();
        var response = await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 64 });
        watch.Stop();

        // A figure for the report, not an assertion: timings depend on the machine.
        var tokens = response.Usage!.OutputTokenCount!.Value;
        output.WriteLine($"tiny-random-gpt2: {tokens} tokens in {watch.ElapsedMilliseconds} ms = {tokens / watch.Elapsed.TotalSeconds:F0} tokens/s");
        Assert.True(tokens > 0);
    }

    [Fact]
    public async Task Concurrent_requests_within_the_cap_complete_and_dispose_blocks_reuse()
    {
        var client = Client(out _, new OnnxProviderOptions { PromptFormat = "raw", MaxConcurrency = 2 });
        if (client is null)
        {
            return;
        }

        var options = new ChatOptions { MaxOutputTokens = 6 };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.GetResponseAsync(Prompt, options))));
        client.Dispose();

        Assert.All(responses, r => Assert.Equal(responses[0].Text, r.Text));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync(Prompt, options));
    }
}
