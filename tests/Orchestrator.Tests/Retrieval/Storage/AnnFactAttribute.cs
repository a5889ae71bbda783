using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// A test that needs USearch's native library. The package ships it for linux-x64, win-x64 and
/// osx-arm64; elsewhere the store falls back to its exact scan (tested without this attribute), and
/// these tests are skipped with the reason instead of failing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnnFactAttribute : FactAttribute
{
    public AnnFactAttribute() => Skip = AnnNative.SkipReason;
}

/// <summary>As <see cref="AnnFactAttribute"/>, for theories.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnnTheoryAttribute : TheoryAttribute
{
    public AnnTheoryAttribute() => Skip = AnnNative.SkipReason;
}

internal static class AnnNative
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        try
        {
            using var probe = AnnGraph.NewNative(4);
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            return $"USearch's native library does not load on this platform ({ex.GetType().Name}); the store uses its exact scan here";
        }
    });

    public static string? SkipReason => Reason.Value;
}
