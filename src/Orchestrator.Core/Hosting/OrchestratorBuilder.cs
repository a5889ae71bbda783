using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Configuration;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Hosting;

/// <summary>
/// Returned by <c>services.AddOrchestrator(...)</c>: adds the host's own tools, guardian checks,
/// specialists and vector store. Everything added here is created from the container when the
/// host starts, so constructors may take any registered service.
/// </summary>
public sealed class OrchestratorBuilder
{
    internal OrchestratorBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds a Semantic Kernel plugin class: each <c>[KernelFunction("snake_name")]</c> method becomes a
    /// tool that any agent may list in its <c>tools:</c>. <typeparamref name="T"/> is created from the
    /// container once (registered as a singleton unless it already is registered).
    /// </summary>
    public OrchestratorBuilder AddTools<T>()
        where T : class
    {
        Services.TryAddSingleton<T>();
        Services.AddSingleton(new ToolPluginRegistration(typeof(T), sp => sp.GetRequiredService<T>()));
        return this;
    }

    /// <summary>Adds an existing plugin object (see <see cref="AddTools{T}()"/>).</summary>
    public OrchestratorBuilder AddTools(object plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        Services.AddSingleton(new ToolPluginRegistration(plugin.GetType(), _ => plugin));
        return this;
    }

    /// <summary>Adds a plugin object made by <paramref name="factory"/> when the host starts (e.g. one that needs the loaded configuration).</summary>
    public OrchestratorBuilder AddTools<T>(Func<IServiceProvider, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(new ToolPluginRegistration(typeof(T), factory));
        return this;
    }

    /// <summary>
    /// Adds a guardian check of your own. Agents run it when their <c>guardian:</c> list names it
    /// (<see cref="IGuardianCheck.Name"/>), next to the built-in checks.
    /// </summary>
    public OrchestratorBuilder AddGuardianCheck<T>()
        where T : class, IGuardianCheck
    {
        Services.AddSingleton<IGuardianCheck, T>();
        return this;
    }

    /// <summary>Adds an existing guardian check (see <see cref="AddGuardianCheck{T}()"/>).</summary>
    public OrchestratorBuilder AddGuardianCheck(IGuardianCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Services.AddSingleton(check);
        return this;
    }

    /// <summary>Serves the agent named <paramref name="agent"/> with a specialist of your own, ahead of the built-in ones.</summary>
    public OrchestratorBuilder AddSpecialist<T>(string agent)
        where T : class, ISpecialist
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        Services.TryAddSingleton<T>();
        Services.AddSingleton(new SpecialistRegistration(agent, null, sp => sp.GetRequiredService<T>(), typeof(T)));
        return this;
    }

    /// <summary>Serves every agent of <paramref name="kind"/> with a specialist of your own, replacing the built-in one.</summary>
    public OrchestratorBuilder AddSpecialist<T>(AgentKind kind)
        where T : class, ISpecialist
    {
        Services.TryAddSingleton<T>();
        Services.AddSingleton(new SpecialistRegistration(null, kind, sp => sp.GetRequiredService<T>(), typeof(T)));
        return this;
    }

    /// <summary>
    /// Uses your own <see cref="IVectorStore"/> instead of the configured one (<c>store:</c>). The
    /// container owns it and disposes it. The store conformance tests describe what it must do.
    /// </summary>
    public OrchestratorBuilder UseVectorStore<T>()
        where T : class, IVectorStore
    {
        Services.RemoveAll<IVectorStore>();
        Services.AddSingleton<IVectorStore, T>();
        return this;
    }

    /// <summary>Uses the store <paramref name="factory"/> makes (see <see cref="UseVectorStore{T}()"/>).</summary>
    public OrchestratorBuilder UseVectorStore(Func<IServiceProvider, IVectorStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IVectorStore>();
        Services.AddSingleton(factory);
        return this;
    }
}
