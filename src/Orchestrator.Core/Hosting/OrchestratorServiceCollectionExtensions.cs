using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator;
using Orchestrator.Diagnostics;
using Orchestrator.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the orchestrator in a host's container (the Microsoft.Extensions.AI convention: <c>AddChatClient</c> lives here too).</summary>
public static class OrchestratorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOrchestrator"/>, its options (validated when the host starts) and the
    /// hosted warm-up. Logging, metrics and the clock come from the container.
    /// </summary>
    public static OrchestratorBuilder AddOrchestrator(this IServiceCollection services, Action<OrchestratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OrchestratorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>
    /// Registers the orchestrator with options bound from <paramref name="section"/> (e.g.
    /// <c>builder.Configuration.GetSection("Orchestrator")</c>). Unknown keys and values of the wrong
    /// type fail the host's start with the key's path.
    /// </summary>
    public static OrchestratorBuilder AddOrchestrator(this IServiceCollection services, IConfiguration section, Action<OrchestratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = services.AddOptions<OrchestratorOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>
    /// When the app references the Orchestrator.AspNetCore package, its services come with
    /// AddOrchestrator, so <c>app.MapOrchestrator()</c> works without a second registration call. The
    /// core cannot reference ASP.NET Core (it runs in console hosts too), hence the late binding.
    /// </summary>
    private static void AddHttpApiWhenReferenced(IServiceCollection services)
    {
        var httpApi = Type.GetType("Microsoft.Extensions.DependencyInjection.OrchestratorHttpApiServiceCollectionExtensions, Orchestrator.AspNetCore", throwOnError: false);
        httpApi?.GetMethod("AddOrchestratorHttpApi", [typeof(IServiceCollection)])?.Invoke(null, [services]);
    }

    /// <summary>
    /// A relative <see cref="OrchestratorOptions.ConfigFile"/> is read from the host's content root,
    /// where appsettings.json is read from too (a service's working directory is often elsewhere);
    /// without a host environment (a bare container) it stays relative to the current directory.
    /// </summary>
    private static void ResolveAgainstContentRoot(OrchestratorOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.ConfigFile) && !Path.IsPathRooted(options.ConfigFile)
            && services.GetService<IHostEnvironment>()?.ContentRootPath is { Length: > 0 } contentRoot)
        {
            options.ConfigFile = Path.GetFullPath(options.ConfigFile, contentRoot);
        }
    }

    private static OrchestratorBuilder AddCore(IServiceCollection services, OptionsBuilder<OrchestratorOptions> options)
    {
        options.PostConfigure<IServiceProvider>(ResolveAgainstContentRoot).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrchestratorOptions>, OrchestratorOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton<OrchestratorComponents>();
        services.TryAddSingleton<OrchestratorMetrics>();
        // Redis and Qdrant reachability on the host's own "Orchestrator" meter, next to the request series.
        services.TryAddSingleton(sp => new Orchestrator.State.DependencyMetrics(sp.GetRequiredService<IMeterFactory>().Create(OrchestratorMetrics.MeterName)));
        services.TryAddSingleton(sp => new HostedOrchestrator(
            sp.GetRequiredService<OrchestratorComponents>(),
            sp.GetRequiredService<OrchestratorMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Orchestrator.State.DependencyMetrics>()));
        services.TryAddSingleton<IOrchestrator>(sp => sp.GetRequiredService<HostedOrchestrator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OrchestratorWarmUpService>());
        AddHttpApiWhenReferenced(services);
        return new OrchestratorBuilder(services);
    }
}
