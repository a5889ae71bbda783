using System.Runtime;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The JIT's counters at one moment; the difference of two brackets a load level. With tiered
/// compilation (the runtime's default) a method runs unoptimized code first and is recompiled in the
/// background once it is hot, so a short level can spend much of its CPU in the compiler and in
/// tier-0 code: methods compiled and compile time per request say how far from steady state a level
/// was (docs/benchmarks.md, "perf17").
/// </summary>
internal readonly record struct JitSnapshot(long Methods, TimeSpan CompileTime)
{
    public static JitSnapshot Take() => new(JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false));

    public static JitSnapshot operator -(JitSnapshot after, JitSnapshot before) =>
        new(after.Methods - before.Methods, after.CompileTime - before.CompileTime);

    public object PerRequest(int requests)
    {
        var n = Math.Max(1, requests);
        return new
        {
            methods_compiled = Methods,
            compile_ms_per_request = Math.Round(CompileTime.TotalMilliseconds / n, 2),
            tiered_compilation = TieredCompilationEnabled,
        };
    }

    /// <summary>Whether this process tiers (DOTNET_TieredCompilation or the runtimeconfig can turn it off).</summary>
    private static bool TieredCompilationEnabled =>
        AppContext.GetData("System.Runtime.TieredCompilation") is not (false or "false" or "False")
        && Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is not "0";
}
