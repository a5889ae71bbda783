namespace Orchestrator.Tests.Support;

/// <summary>
/// Collects reported lines at once: Progress&lt;T&gt; posts to the thread pool, and tests need the
/// lines as soon as start-up returns.
/// </summary>
internal sealed class SyncProgress(List<string> lines) : IProgress<string>
{
    public void Report(string value)
    {
        lock (lines)
        {
            lines.Add(value);
        }
    }
}
