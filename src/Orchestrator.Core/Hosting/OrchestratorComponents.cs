using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Configuration;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tools;

namespace Orchestrator.Hosting;

/// <summary>
/// The host's own parts, created once from the container: the tool registry (every plugin added
/// with <c>AddTools</c>), guardian checks, specialists and vector store, and the configuration
/// loaded and validated against them. A problem in any of them is a start-up error that says
/// what to fix, raised by options validation before anything else starts.
/// </summary>
internal sealed class OrchestratorComponents(IServiceProvider services, IOptions<OrchestratorOptions> options)
{
    private readonly Lazy<ToolRegistry> _tools = new(() => BuildTools(services));
    private readonly Lock _configLock = new();
    private ConfigLoadResult? _config;

    public ToolRegistry Tools => _tools.Value;

    public IReadOnlyList<IGuardianCheck> GuardianChecks => services.GetServices<IGuardianCheck>().ToList();

    public IVectorStore? VectorStore => services.GetService<IVectorStore>();

    /// <summary>The configuration as loaded: errors (file:line), warnings, and the config when it is valid.</summary>
    public ConfigLoadResult Load() => Load(options.Value);

    /// <summary>
    /// Loads once with <paramref name="value"/>. The options validator calls this with the options it
    /// is validating: reading <c>options.Value</c> there would run the validator again.
    /// </summary>
    public ConfigLoadResult Load(OrchestratorOptions value)
    {
        lock (_configLock)
        {
            return _config ??= LoadConfig(services, value);
        }
    }

    public OrchestratorConfig Config => Load().Config
        ?? throw new OptionsValidationException(OrchestratorOptions.SectionName, typeof(OrchestratorOptions), Load().Errors.Select(e => e.ToString()));

    public RuntimeOptions RuntimeOptions(RuntimeOptions template) => new()
    {
        LoggerFactory = template.LoggerFactory,
        TimeProvider = template.TimeProvider,
        Status = template.Status,
        IngestProgress = template.IngestProgress,
        AutoIngest = options.Value.AutoIngest,
        ProbeEscalationEndpoints = options.Value.ProbeEscalationEndpoints,
        Tools = Tools,
        GuardianChecks = GuardianChecks,
        VectorStore = VectorStore,
        AgentSpecialists = Specialists(r => r.Agent is not null).ToDictionary(r => r.Agent!, r => r.Create(services), StringComparer.OrdinalIgnoreCase),
        KindSpecialists = Specialists(r => r.Kind is not null).ToDictionary(r => r.Kind!.Value, r => r.Create(services)),
    };

    private IEnumerable<SpecialistRegistration> Specialists(Func<SpecialistRegistration, bool> which) =>
        services.GetServices<SpecialistRegistration>().Where(which)
            .GroupBy(r => (r.Agent, r.Kind)).Select(g => g.Last()); // the last registration for an agent or kind wins, as in DI

    private static ToolRegistry BuildTools(IServiceProvider services)
    {
        var registry = new ToolRegistry();
        foreach (var registration in services.GetServices<ToolPluginRegistration>())
        {
            var plugin = registration.Create(services);
            try
            {
                registry.AddPlugin(plugin, PluginName(registration.PluginType));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"tool class {registration.PluginType.FullName}: {ex.Message}", ex);
            }
        }

        return registry;
    }

    // Semantic Kernel plugin names allow letters, digits and '_' only; generic or nested type names need cleaning.
    private static string PluginName(Type type) => new([.. type.Name.TakeWhile(c => c != '`').Where(c => char.IsAsciiLetterOrDigit(c) || c == '_')]);

    private static ConfigLoadResult LoadConfig(IServiceProvider services, OrchestratorOptions options)
    {
        var components = services.GetRequiredService<OrchestratorComponents>();
        var context = ConfigValidation.For(components.Tools, components.GuardianChecks.Select(c => c.Name));
        return ConfigLoader.Load(Path.GetFullPath(options.ConfigFile), context);
    }
}
