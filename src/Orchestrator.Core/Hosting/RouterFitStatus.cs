namespace Orchestrator.Hosting;

/// <summary>
/// Turns the router fit's progress into one start-up line that says what actually happens: "fitting
/// router" when a fit starts (its first progress is below 1), "router loaded from cache" when the
/// fitted router was read from the cache (its first and only progress is 1). Before, every start said
/// "fitting router", also when nothing was fitted.
/// </summary>
internal sealed class RouterFitStatus(IProgress<string>? status) : IProgress<double>
{
    public const string Fitting = "fitting router";
    public const string LoadedFromCache = "router loaded from cache";

    private int _reported;

    public void Report(double value)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            status?.Report(value >= 1.0 ? LoadedFromCache : Fitting);
        }
    }
}
