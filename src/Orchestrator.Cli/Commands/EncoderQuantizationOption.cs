using System.CommandLine;
using Orchestrator.Configuration;
using Orchestrator.Models;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>--quantization int8|none</c> on the evaluations that embed with MiniLM, so fp32 and int8 are
/// measured by the same command; the default is the served embedder's (<see cref="EmbedderQuantizations.Default"/>).
/// </summary>
internal static class EncoderQuantizationOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--quantization")
        {
            Description = $"int8 | none: the embedded MiniLM with int8 weights or as shipped (default {EmbedderQuantizations.Default}, as the service runs it)",
            DefaultValueFactory = _ => EmbedderQuantizations.Default,
        };
        option.AcceptOnlyFromAmong([.. EmbedderQuantizations.All]);
        return option;
    }

    /// <summary>The evaluation embedder for the chosen setting.</summary>
    public static MiniLmEmbeddingGenerator Embedder(string? value) =>
        new(32, null, null, value == EmbedderQuantizations.None ? MiniLmQuantization.None : MiniLmQuantization.Int8);
}
