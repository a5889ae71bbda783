namespace Orchestrator.Benchmarks;

/// <summary>
/// The JIT settings a run was made under, as the environment (<c>DOTNET_*</c>, <c>COMPlus_*</c>) or the
/// runtimeconfig set them ("default" when neither did). On the same binary they move CPU per request by a
/// quarter or more: a 200-request level with .NET's default tiered compilation still pays for the JIT and
/// runs unoptimized code, while the framework's precompiled (ReadyToRun) code is never re-optimized with
/// tiering off (docs/benchmarks.md, "perf30"). A figure is only comparable with one taken under the same settings.
/// </summary>
internal static class RuntimeSettings
{
    private static readonly (string Knob, string? RuntimeConfigName)[] Knobs =
    [
        ("TieredCompilation", "System.Runtime.TieredCompilation"),
        ("TieredPGO", "System.Runtime.TieredPGO"),
        ("TC_QuickJitForLoops", "System.Runtime.TieredCompilation.QuickJitForLoops"),
        ("TC_CallCountingDelayMs", "System.Runtime.TieredCompilation.CallCountingDelayMs"),
        ("ReadyToRun", null),
    ];

    public static Dictionary<string, string> Report() =>
        Knobs.ToDictionary(k => k.Knob, k => ValueOf(k.Knob, k.RuntimeConfigName), StringComparer.Ordinal);

    private static string ValueOf(string knob, string? runtimeConfigName)
    {
        // The runtime reads the environment first (DOTNET_ before the legacy COMPlus_ prefix), then the runtimeconfig.
        if (Environment.GetEnvironmentVariable("DOTNET_" + knob) is { Length: > 0 } dotnet)
        {
            return $"DOTNET_{knob}={dotnet}";
        }

        if (Environment.GetEnvironmentVariable("COMPlus_" + knob) is { Length: > 0 } complus)
        {
            return $"COMPlus_{knob}={complus}";
        }

        return runtimeConfigName is not null && AppContext.GetData(runtimeConfigName) is { } configured
            ? $"{runtimeConfigName}={configured}"
            : "default";
    }
}
