using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Without_stops_everything_passes_through()
    {
        var filter = new StopSequenceFilter(null);

        Assert.Equal("ab", filter.Push("ab"));
        Assert.Equal(string.Empty, filter.Flush());
    }

    [Fact]
    public void Holds_back_a_possible_prefix_and_releases_it_when_it_is_not_a_stop()
    {
        var filter = new StopSequenceFilter(["User:"]);

        Assert.Equal("Hi ", filter.Push("Hi Us"));
        Assert.Equal(string.Empty, filter.Push("e"));
        Assert.Equal("Use!", filter.Push("!"));
        Assert.Equal(string.Empty, filter.Flush());
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Earliest_stop_wins_and_later_text_is_dropped()
    {
        var filter = new StopSequenceFilter(["\n\n", "END"]);

        var shown = filter.Push("one END two\n\n");

        Assert.True(filter.Stopped);
        Assert.Equal("one ", shown);
        Assert.Equal(string.Empty, filter.Push("more"));
        Assert.Equal(string.Empty, filter.Flush());
    }

    [Fact]
    public void Prompt_formats_end_with_the_assistant_turn()
    {
        var messages = new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.System, "s"), new(Microsoft.Extensions.AI.ChatRole.User, "u") };

        Assert.Equal("System: s\nUser: u\nAssistant:", ChatPromptFormatter.Format("plain", messages));
        Assert.EndsWith("<|im_start|>assistant\n", ChatPromptFormatter.Format(ChatPromptFormatter.FamilyOf("qwen2"), messages));
        Assert.EndsWith("<|assistant|>\n", ChatPromptFormatter.Format(ChatPromptFormatter.FamilyOf("phi3"), messages));
        Assert.EndsWith("<|start_header_id|>assistant<|end_header_id|>\n\n", ChatPromptFormatter.Format(ChatPromptFormatter.FamilyOf("llama"), messages));
        Assert.Equal("s\nu", ChatPromptFormatter.Format("raw", messages));
    }
}
