using Microsoft.Extensions.AI;
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
    private readonly Lock _gate = new();
    private (string Path, ConfigLoadResult Result)? _loaded;

    public ToolRegistry Tools => _tools.Value;

    public IReadOnlyList<IGuardianCheck> GuardianChecks => services.GetServices<IGuardianCheck>().ToList();

    public IVectorStore? VectorStore => services.GetService<IVectorStore>();

    /// <summary>
    /// The configuration <paramref name="current"/> names, loaded once and validated against the
    /// registered tools and checks: errors (file:line), warnings, and the config when it is valid.
    /// Options validation calls this with the options being validated, so it must not read
    /// <c>IOptions.Value</c> itself.
    /// </summary>
    public ConfigLoadResult Load(OrchestratorOptions current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var path = Path.GetFullPath(current.ConfigFile);
        lock (_gate)
        {
            if (_loaded is not { } loaded || loaded.Path != path)
            {
                var context = ConfigValidation.For(Tools, GuardianChecks.Select(c => c.Name));
                foreach (var registration in services.GetServices<SpecialistRegistration>())
                {
                    if (registration.Agent is { } agent)
                    {
                        context.SpecialistAgents.Add(agent);
                    }

                    if (registration.Kind is { } kind)
                    {
                        context.SpecialistKinds.Add(kind);
                    }
                }
                _loaded = loaded = (path, ConfigLoader.Load(path, context));
            }

            return loaded.Result;
        }
    }

    public ConfigLoadResult Load() => Load(options.Value);

    public OrchestratorConfig Config => Load().Config
        ?? throw new OptionsValidationException(OrchestratorOptions.SectionName, typeof(OrchestratorOptions), Load().Errors.Select(e => e.ToString()));

    public RuntimeOptions RuntimeOptions(RuntimeOptions template) => template with
    {
        AutoIngest = options.Value.AutoIngest,
        ProbeEscalationEndpoints = options.Value.ProbeEscalationEndpoints,
        Tools = Tools,
        GuardianChecks = GuardianChecks,
        VectorStore = VectorStore,
        HostChatClients = HostChatClient,
        AgentSpecialists = Specialists(r => r.Agent is not null).ToDictionary(r => r.Agent!, r => r.Create(services), StringComparer.OrdinalIgnoreCase),
        KindSpecialists = Specialists(r => r.Kind is not null).ToDictionary(r => r.Kind!.Value, r => r.Create(services)),
    };

    /// <summary>A <c>provider: host</c> model's client: the one the host registered with <c>services.AddKeyedChatClient("name", ...)</c>.</summary>
    public IChatClient? HostChatClient(string modelName) => services.GetKeyedService<IChatClient>(modelName);

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

}
