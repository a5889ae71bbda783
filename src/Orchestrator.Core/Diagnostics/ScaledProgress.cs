namespace Orchestrator.Diagnostics;

/// <summary>
/// Maps a sub-task's progress (0..1) into a slice of the caller's progress, synchronously.
/// <see cref="Progress{T}"/> would post each report to the thread pool, where it could arrive
/// after the work, and the caller's output, had finished.
/// </summary>
public sealed class ScaledProgress(IProgress<double> target, double offset, double scale) : IProgress<double>
{
    public static IProgress<double>? Over(IProgress<double>? target, double offset, double scale) =>
        target is null ? null : new ScaledProgress(target, offset, scale);

    public void Report(double value) => target.Report(offset + (scale * value));
}
