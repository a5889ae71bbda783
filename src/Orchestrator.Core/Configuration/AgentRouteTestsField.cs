namespace Orchestrator.Configuration;

/// <summary>Reads an agent's <c>tests:</c> section: <c>must_route</c> and <c>must_not_route</c> lists of requests.</summary>
internal static class AgentRouteTestsField
{
    public const int MaxTests = 1_000;
    public const int MaxLength = 2_000;

    private static readonly string[] Lists = ["must_route", "must_not_route"];

    /// <param name="examples">The agent's examples: a test that repeats one proves little, so it is a warning.</param>
    public static AgentRouteTests Read(YamlFields fields, IReadOnlyList<string>? examples)
    {
        var section = fields.Map("tests", Lists);
        if (section is null)
        {
            return AgentRouteTests.None;
        }

        var seen = new Dictionary<string, Located>(StringComparer.OrdinalIgnoreCase);
        var mustRoute = ReadList(section, "must_route", "requests that must route to this agent", seen);
        var mustNotRoute = ReadList(section, "must_not_route", "requests that must not route to this agent", seen);
        if (mustRoute.Count + mustNotRoute.Count == 0)
        {
            section.Error(fields.KeyAt("tests"), "'tests' has no requests; expected must_route and/or must_not_route lists, e.g. tests: { must_route: [\"how many vacation days do I get\"] }");
        }

        var trained = new HashSet<string>(examples ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var copy in mustRoute.Where(trained.Contains))
        {
            section.Diagnostics.Warning(section.File, seen[copy].At, $"test '{copy}' is also one of the agent's examples, which train the router; a reworded request tests more");
        }

        return new AgentRouteTests { MustRoute = mustRoute, MustNotRoute = mustNotRoute };
    }

    private static List<string> ReadList(YamlFields section, string field, string what, Dictionary<string, Located> seen)
    {
        var items = section.TextList(field, expected: $"a list of {what}");
        var valid = new List<string>();
        if (items is null)
        {
            return valid;
        }

        if (items.Count > MaxTests)
        {
            section.Error(section.KeyAt(field), $"'{field}' has {items.Count} requests; expected at most {MaxTests} (split them over agents or keep a sample)");
            return valid;
        }

        foreach (var item in items)
        {
            var text = item.Value.Trim();
            if (text.Length == 0)
            {
                section.Error(item.At, $"a request in '{field}' is blank; expected {what}");
            }
            else if (text.Length > MaxLength)
            {
                section.Error(item.At, $"a request in '{field}' has {text.Length} characters; expected at most {MaxLength}");
            }
            else if (seen.TryGetValue(text, out var first))
            {
                section.Error(item.At, $"request listed twice in tests (first at line {first.At.Line}); expected each request once, in must_route or must_not_route");
            }
            else
            {
                seen[text] = item;
                valid.Add(text);
            }
        }

        return valid;
    }
}
