namespace Orchestrator.Configuration;

/// <summary>
/// Reads rails: <c>{ input: { check: action }, retrieval: {...}, output: {...} }</c>, both the global
/// <c>guardian.rails</c> in orchestrator.yaml and an agent file's <c>rails:</c>.
/// </summary>
internal static class RailsSection
{
    /// <summary>More entries than there are checks at any point is a mistake (or hostile input): refuse before reporting each one.</summary>
    public const int MaxChecksPerPoint = 32;

    /// <param name="registeredChecks">Every check name the host can run (built-in and its own, <c>AddGuardianCheck</c>); its own may be named on the output rail.</param>
    public static RailsConfig Read(YamlFields? guardian, IEnumerable<string>? registeredChecks = null)
    {
        var section = guardian?.Map("rails", RailActions.Points);
        if (section is null)
        {
            return new RailsConfig();
        }

        // The built-in checks plus those other guardian modules register by name (relevance, links).
        var outputChecks = ConfigValidationContext.BuiltInGuardianChecks.Concat(["relevance", "links"]).Concat(registeredChecks ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        return ReadPoints(section, outputChecks, strict: false);
    }

    /// <summary>
    /// An agent's <c>rails:</c>. Stricter than the global section, because it is new: an empty section
    /// or point is an error, a <c>model-*</c> check needs <c>guardian.model</c>, and an output check may
    /// not also be in the agent's <c>guardian:</c> list (that list would run it first and the rail's
    /// action would never apply).
    /// </summary>
    public static RailsConfig ReadAgent(YamlFields agent, ReferenceCatalog catalog, IReadOnlyList<string> agentGuardian)
    {
        const string Example = "e.g. rails: { input: { injection: block }, retrieval: { injection: quarantine }, output: { pii: redact } }";
        if (agent.IsWrittenEmpty("rails"))
        {
            agent.Error(agent.KeyAt("rails"), $"'rails' is empty; expected at least one of {string.Join(", ", RailActions.Points)}, {Example}");
            return new RailsConfig();
        }

        var section = agent.Map("rails", RailActions.Points);
        if (section is null)
        {
            return new RailsConfig();
        }

        foreach (var point in RailActions.Points.Where(section.IsWrittenEmpty))
        {
            section.Error(section.KeyAt(point), $"'rails.{point}' has no checks; expected check: action pairs, {Example}, or remove '{point}'");
        }

        var outputChecks = catalog.Context.GuardianChecks.Order(StringComparer.Ordinal).ToList();
        var rails = ReadPoints(section, outputChecks, strict: true);
        foreach (var check in rails.Output.Keys.Where(agentGuardian.Contains))
        {
            section.Error(section.KeyAt("output"), $"'{check}' is both in this agent's guardian list and in rails.output; list it once: in rails.output (which sets its action) or in guardian (which runs it in the global mode)");
        }

        if (catalog.GuardianModelConfigured == false)
        {
            foreach (var check in rails.Output.Keys.Where(ConfigValidationContext.ModelGuardianChecks.Contains))
            {
                section.Error(section.KeyAt("output"), $"rails.output check '{check}' needs a guardian model; set guardian: {{ model: <a generative model> }} in orchestrator.yaml");
            }
        }

        return rails;
    }

    /// <param name="strict">Agent files: a check written without an action is an error (the global section ignores it, as it always has).</param>
    private static RailsConfig ReadPoints(YamlFields section, IReadOnlyList<string> outputChecks, bool strict) => new()
    {
        Input = ReadStage(section, "input", RailActions.InputChecks, RailActions.ForInput, redactOnlyFor: "pii", strict),
        Retrieval = ReadStage(section, "retrieval", RailActions.RetrievalChecks, RailActions.ForRetrieval, redactOnlyFor: null, strict),
        Output = ReadStage(section, "output", outputChecks, RailActions.ForOutput, redactOnlyFor: null, strict),
    };

    private static Dictionary<string, string> ReadStage(YamlFields rails, string stage, IReadOnlyList<string> checks, IReadOnlyList<string> actions, string? redactOnlyFor, bool strict)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rails.MappingCount(stage) is var count and > MaxChecksPerPoint)
        {
            rails.Error(rails.At(stage), $"'{stage}' has {count} entries; expected at most {MaxChecksPerPoint}, one per check ({string.Join(", ", checks)})");
            return result;
        }

        var map = rails.Map(stage, checks);
        if (map is null)
        {
            return result;
        }

        foreach (var check in map.Names.Where(checks.Contains))
        {
            if (strict && map.IsWrittenEmpty(check))
            {
                map.Error(map.KeyAt(check), $"'{check}' has no action; expected one of: {string.Join(", ", actions)}");
                continue;
            }

            var action = map.Choice(check, actions);
            if (action is not { } a)
            {
                continue;
            }

            if (a.Value == RailActions.Redact && redactOnlyFor is not null && check != redactOnlyFor)
            {
                map.Error(a.At, $"'{check}' cannot be redacted on the {stage} rail; expected block, escalate or flag (redact is for {redactOnlyFor})");
                continue;
            }

            result[check] = a.Value;
        }

        return result;
    }
}
