namespace Orchestrator.Benchmarks;

/// <summary>Anchors the assembly for BenchmarkDotNet's switcher.</summary>
internal static class BenchmarkMarker;
