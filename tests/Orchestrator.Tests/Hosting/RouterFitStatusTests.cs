using Orchestrator.Hosting;
using Orchestrator.Tests.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// Start-up says what it does with the router: the first start fits it, a restart over the same
/// state reads the fitted router from the cache and must not claim to fit it again.
/// </summary>
public sealed class RouterFitStatusTests
{
    [Fact]
    public async Task A_restart_over_the_same_state_says_the_router_was_loaded_from_cache_not_fitted()
    {
        using var dir = new TempDirectory();
        var first = await EscalationDeployment.StartAsync(reuse: dir);
        var firstLines = first.StatusLines.ToList();
        await first.StopAsync(keepDirectory: true);

        await using var second = await EscalationDeployment.StartAsync(reuse: dir);

        Assert.Contains(RouterFitStatus.Fitting, firstLines);
        Assert.DoesNotContain(RouterFitStatus.LoadedFromCache, firstLines);
        Assert.Contains(RouterFitStatus.LoadedFromCache, second.StatusLines);
        Assert.DoesNotContain(RouterFitStatus.Fitting, second.StatusLines);
    }

    [Fact]
    public void Only_the_first_progress_value_decides_the_line()
    {
        var lines = new List<string>();
        var status = new RouterFitStatus(new SyncProgress(lines));

        status.Report(0.2);
        status.Report(0.5);
        status.Report(1.0);

        Assert.Equal([RouterFitStatus.Fitting], lines);
    }
}
