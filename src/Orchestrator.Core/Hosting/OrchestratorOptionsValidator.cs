using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Configuration;
using Orchestrator.Tools;

namespace Orchestrator.Hosting;

/// <summary>
/// Runs when the host starts (<c>ValidateOnStart</c>): the configuration file exists, the host's own
/// tools register cleanly, and the configuration is valid against them, or the start fails with
/// every problem listed as <c>file:line: problem</c>.
/// </summary>
internal sealed class OrchestratorOptionsValidator(IServiceProvider services) : IValidateOptions<OrchestratorOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchestratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConfigFile))
        {
            return ValidateOptionsResult.Fail($"{OrchestratorOptions.SectionName}:{nameof(OrchestratorOptions.ConfigFile)} is empty; set it to the path of orchestrator.yaml");
        }

        var path = Path.GetFullPath(options.ConfigFile);
        if (!File.Exists(path))
        {
            return ValidateOptionsResult.Fail(
                $"{OrchestratorOptions.SectionName}:{nameof(OrchestratorOptions.ConfigFile)} names {path}, which does not exist; " +
                "point it at an orchestrator.yaml (orchestrator init <dir> writes one)");
        }

        var components = (OrchestratorComponents)services.GetService(typeof(OrchestratorComponents))!;
        try
        {
            _ = components.Tools;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }

        // The host's own specialists and store are created here too, so a constructor dependency nobody
        // registered stops the start naming the type, instead of failing the background warm-up and then
        // every request.
        if (OwnPartsThatCannotBeCreated(components).Concat(CheckNameProblems(components.GuardianChecks)).ToList() is { Count: > 0 } broken)
        {
            return ValidateOptionsResult.Fail(broken);
        }

        var loaded = components.Load(options);
        if (loaded.Errors.Count > 0)
        {
            return ValidateOptionsResult.Fail(loaded.Errors.Select(e => e.ToString()));
        }

        var unknown = UnknownSpecialistAgents(loaded.Config!, path)
            .Concat(UnknownSubjectArguments(loaded.Config!, path, components))
            .Concat(MissingHostChatClients(loaded.Config!, path, components))
            .ToList();
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown);
    }

    /// <summary>
    /// A <c>tools.&lt;name&gt;.personal.subject_argument</c> that the (C#) tool does not take guards
    /// nothing and breaks every call; MCP tools are listed only after start-up and are not checked here.
    /// </summary>
    private static IEnumerable<string> UnknownSubjectArguments(OrchestratorConfig config, string path, OrchestratorComponents components)
    {
        foreach (var (name, policy) in config.Tools)
        {
            if (policy.Personal?.SubjectArgument is { } subject && components.Tools.TryGet(name, out var function))
            {
                var parameters = function.Metadata.Parameters.Select(p => p.Name).ToList();
                if (ToolParameterCheck.NotTaken(name, subject, parameters) is { } notTaken)
                {
                    yield return $"{path}: tools.{name}.personal.subject_argument: {notTaken}; name the parameter that says whose records are read";
                }
            }
        }
    }

    /// <summary>
    /// A <c>provider: host</c> model is served by the host's keyed <c>IChatClient</c>; without one every
    /// request that needs the model would fail, so the start fails naming the registration to add. A
    /// registration whose factory throws is reported too, with its message.
    /// </summary>
    private static IEnumerable<string> MissingHostChatClients(OrchestratorConfig config, string path, OrchestratorComponents components)
    {
        foreach (var model in config.Models.Values.Where(m => m.Provider == ModelProviders.Host))
        {
            string? problem;
            try
            {
                problem = components.HostChatClient(model.Name) is null ? Models.HostChatClient.MissingMessage(model.Name) : null;
            }
            catch (InvalidOperationException ex)
            {
                problem = $"model '{model.Name}' has provider: host, and its keyed IChatClient cannot be created: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return $"{path}: models.{model.Name}: {problem}";
            }
        }
    }

    /// <summary>
    /// The host's checks are looked up by name, ignoring case, next to the built-in ones: an empty name,
    /// a built-in's name or a name used twice would otherwise fail the background warm-up and every request.
    /// </summary>
    private static IEnumerable<string> CheckNameProblems(IReadOnlyList<IGuardianCheck> checks)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var check in checks)
        {
            var type = check.GetType().Name;
            if (string.IsNullOrWhiteSpace(check.Name))
            {
                yield return $"AddGuardianCheck<{type}>: its Name is empty; return the name agents list in guardian:";
            }
            else if (ConfigValidationContext.BuiltInGuardianChecks.Contains(check.Name, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"AddGuardianCheck<{type}>: '{check.Name}' is the name of a built-in check; give yours another Name";
            }
            else if (!seen.TryAdd(check.Name, type))
            {
                yield return $"AddGuardianCheck<{type}>: '{check.Name}' is also the Name of {seen[check.Name]}; guardian check names must be unique, ignoring case";
            }
        }
    }

    private IEnumerable<string> OwnPartsThatCannotBeCreated(OrchestratorComponents components)
    {
        string? problem = null;
        try
        {
            _ = components.VectorStore;
        }
        catch (InvalidOperationException ex)
        {
            problem = $"UseVectorStore: the store cannot be created: {ex.Message}";
        }

        if (problem is not null)
        {
            yield return problem;
        }

        foreach (var registration in services.GetServices<SpecialistRegistration>())
        {
            problem = null;
            try
            {
                _ = registration.Create(services);
            }
            catch (InvalidOperationException ex)
            {
                var target = registration.Agent is { } agent ? $"\"{agent}\"" : (registration.Kind is { } kind ? $"AgentKind.{kind}" : "");
                problem = $"AddSpecialist<{registration.SpecialistType?.Name ?? "T"}>({target}): the specialist cannot be created: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }

    /// <summary>An <c>AddSpecialist&lt;T&gt;("name")</c> that names no configured agent would never run: say so at start.</summary>
    private IEnumerable<string> UnknownSpecialistAgents(OrchestratorConfig config, string path)
    {
        var names = config.Agents.Select(a => a.Name).ToList();
        foreach (var registration in services.GetServices<SpecialistRegistration>())
        {
            if (registration.Agent is { } agent && config.FindAgent(agent) is null)
            {
                yield return $"AddSpecialist<{registration.SpecialistType?.Name ?? "T"}>(\"{agent}\"): no agent is named '{agent}' in {path}" +
                    $"{Suggestions.DidYouMean(agent, names)}; agents: {string.Join(", ", names)}";
            }
        }
    }
}
