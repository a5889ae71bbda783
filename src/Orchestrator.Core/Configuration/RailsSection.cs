namespace Orchestrator.Configuration;

/// <summary>Reads <c>guardian.rails</c>: <c>{ input: { check: action }, retrieval: {...}, output: {...} }</c>.</summary>
internal static class RailsSection
{
    public static RailsConfig Read(YamlFields? guardian)
    {
        var section = guardian?.Map("rails", ["input", "retrieval", "output"]);
        if (section is null)
        {
            return new RailsConfig();
        }

        // The built-in checks plus those other guardian modules register by name (relevance, links).
        var outputChecks = ConfigValidationContext.BuiltInGuardianChecks.Concat(["relevance", "links"]).Distinct().Order(StringComparer.Ordinal).ToList();
        return new RailsConfig
        {
            Input = ReadStage(section, "input", RailActions.InputChecks, RailActions.ForInput, redactOnlyFor: "pii"),
            Retrieval = ReadStage(section, "retrieval", RailActions.RetrievalChecks, RailActions.ForRetrieval, redactOnlyFor: null),
            Output = ReadStage(section, "output", outputChecks, RailActions.ForOutput, redactOnlyFor: null),
        };
    }

    private static Dictionary<string, string> ReadStage(YamlFields rails, string stage, IReadOnlyList<string> checks, IReadOnlyList<string> actions, string? redactOnlyFor)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = rails.Map(stage, checks);
        if (map is null)
        {
            return result;
        }

        foreach (var check in map.Names.Where(checks.Contains))
        {
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
