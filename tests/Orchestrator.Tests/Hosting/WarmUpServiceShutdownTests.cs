using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// A host run by its own Program (<c>app.Run()</c>) stops itself and disposes its services when it
/// is told to stop, so a second StopAsync from whoever asked can reach the warm-up service after
/// Dispose. Found as an <see cref="ObjectDisposedException"/> in AspNetHostSampleTests under load.
/// </summary>
public sealed class WarmUpServiceShutdownTests
{
    [Fact]
    public async Task Stopping_the_warm_up_service_after_it_was_disposed_does_not_throw()
    {
        using var deployment = new ShopDeployment();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOrchestrator(o => o.ConfigFile = deployment.ConfigFile).AddTools<OrderTools>();
        var host = builder.Build();
        var warmUp = host.Services.GetServices<IHostedService>().OfType<OrchestratorWarmUpService>().Single();

        host.Dispose();

        await warmUp.StopAsync(CancellationToken.None);
    }
}
