namespace Orchestrator.Cli;

/// <summary>
/// Reports on the caller's thread. <see cref="Progress{T}"/> posts to the thread pool instead, so a
/// late report could write to a console that the command has already closed.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            handler(value);
        }
    }
}
