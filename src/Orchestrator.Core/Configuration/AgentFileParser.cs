namespace Orchestrator.Configuration;

/// <summary>One agent file after reading: the definition when valid, and the name's and examples' locations for checks across files.</summary>
internal sealed record ParsedAgent(AgentDefinition? Definition, Located? Name, string File, IReadOnlyList<Located>? Examples = null);

/// <summary>Reads one agent file and checks its fields and its references against the catalog.</summary>
internal static class AgentFileParser
{
    public const int MinExamples = 3;
    public const int MaxNameLength = 64;

    /// <summary>The HTTP API routes automatically when asked for model "orchestrator", so no agent may take that name.</summary>
    public const string ReservedName = "orchestrator";

    public static readonly IReadOnlyList<string> Fields = ["name", "kind", "description", "examples", "knowledge", "model", "prompt", "tools", "guardian", "escalation", "tests", "rails"];

    public static ParsedAgent Parse(string fullPath, ReferenceCatalog catalog, ConfigDiagnostics diagnostics)
    {
        var display = ConfigDiagnostics.DisplayPath(fullPath);
        var map = YamlFileReader.ReadMapping(fullPath, display, diagnostics);
        if (map is null)
        {
            return new ParsedAgent(null, null, display);
        }

        var fields = new YamlFields(map, display, null, Fields, diagnostics);
        var name = ReadName(fields);
        var kind = fields.Choice("kind", AgentKinds.All, required: true);
        var description = fields.Text("description", required: true, expected: "one or two sentences on what this agent answers; the router and people read it");
        var locatedExamples = AgentFieldChecks.Examples(fields);
        IReadOnlyList<string>? examples = locatedExamples?.Select(e => e.Value).ToList();
        var knowledge = AgentFieldChecks.Knowledge(fields, kind?.Value, catalog);
        var model = fields.Text("model", expected: "the name of a generative model under models");
        if (model is { } m)
        {
            ReferenceCatalog.CheckGenerativeModel(catalog.Models, m, "model", fields);
        }

        if (model is null && kind is { Value: "generation" } k
            && !catalog.Context.SpecialistKinds.Contains(AgentKind.Generation)
            && (name is not { } agentName || !catalog.Context.SpecialistAgents.Contains(agentName.Value)))
        {
            // Valid (escalation.target may be meant to answer), but a newcomer's draft agent otherwise fails silently at ask time.
            // Not said of an agent the host serves with its own specialist (AddSpecialist), which needs no model.
            fields.Diagnostics.Warning(fields.File, k.At, "a generation agent without 'model' cannot write answers itself: every request routed to it escalates (specialist_failed) and is answered only by escalation.target; add model: <a generative model under models>");
        }

        var prompt = AgentFieldChecks.Prompt(fields, catalog);
        var tools = AgentFieldChecks.Tools(fields, kind?.Value, catalog);
        var guardian = AgentFieldChecks.Guardian(fields, catalog);
        var rails = RailsSection.ReadAgent(fields, catalog, guardian);
        var escalation = AgentFieldChecks.Escalation(fields);
        var tests = AgentRouteTestsField.Read(fields, examples);
        if (name is null || kind is null || description is null || examples is null)
        {
            return new ParsedAgent(null, name, display);
        }

        var definition = new AgentDefinition
        {
            Name = name.Value.Value,
            Kind = AgentKinds.Parse(kind.Value.Value),
            Description = description.Value.Value,
            Examples = examples,
            Knowledge = knowledge,
            Model = model?.Value,
            Prompt = prompt,
            Tools = tools,
            Guardian = guardian,
            Rails = rails,
            Escalation = escalation,
            Tests = tests,
            SourceFile = display,
        };
        return new ParsedAgent(definition, name, display, locatedExamples);
    }

    private static Located? ReadName(YamlFields fields)
    {
        var name = fields.Text("name", required: true, expected: "a unique agent name of letters, digits, '-' and '_', e.g. hr-policy");
        if (name is not { } n)
        {
            return null;
        }

        if (!OrchestratorFileParser.NamePattern().IsMatch(n.Value) || n.Value.Length > MaxNameLength)
        {
            fields.Error(n.At, $"agent name '{n.Value}' is invalid; expected 1 to {MaxNameLength} letters, digits, '-' and '_', e.g. hr-policy");
            return null;
        }

        if (string.Equals(n.Value, ReservedName, StringComparison.OrdinalIgnoreCase))
        {
            fields.Error(n.At, $"agent name '{n.Value}' is reserved (the HTTP API uses it to mean 'route automatically'); expected another name");
            return null;
        }

        return n;
    }
}
