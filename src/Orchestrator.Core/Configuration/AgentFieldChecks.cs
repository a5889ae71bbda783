namespace Orchestrator.Configuration;

/// <summary>Checks for the agent fields that need more than a type check.</summary>
internal static class AgentFieldChecks
{
    /// <summary>The valid examples with where each was written (the folder checks them across agents), or null when too few.</summary>
    public static IReadOnlyList<Located>? Examples(YamlFields fields)
    {
        var expected = $"a list of at least {AgentFileParser.MinExamples} requests this agent should take";
        var examples = fields.TextList("examples", required: true, expected: expected);
        if (examples is null)
        {
            return null;
        }

        var seen = new Dictionary<string, Located>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<Located>();
        foreach (var example in examples)
        {
            var text = example.Value.Trim();
            if (text.Length == 0)
            {
                fields.Error(example.At, "example is blank; expected a request this agent should take");
            }
            else if (seen.TryGetValue(text, out var first))
            {
                fields.Error(example.At, $"duplicate example (same as line {first.At.Line}); expected distinct requests");
            }
            else
            {
                seen[text] = example;
                valid.Add(example with { Value = text });
            }
        }

        if (examples.Count < AgentFileParser.MinExamples)
        {
            fields.Error(fields.KeyAt("examples"), $"'examples' has {examples.Count}; expected {expected} (they train the router)");
        }

        return valid.Count >= AgentFileParser.MinExamples ? valid : null;
    }

    public static string? Knowledge(YamlFields fields, string? kind, ReferenceCatalog catalog)
    {
        var knowledge = fields.Text("knowledge", required: kind == "retrieval", expected: "the collection a retrieval agent searches, a name under collections");
        if (knowledge is { } k && catalog.Collections is { } collections && !collections.Contains(k.Value))
        {
            var choices = collections.Count == 0 ? "none are declared under collections" : "one of: " + string.Join(", ", collections.Order(StringComparer.Ordinal));
            fields.Error(k.At, $"knowledge '{k.Value}' is not a collection; expected {choices}{Suggestions.DidYouMean(k.Value, collections)}");
        }

        return knowledge?.Value;
    }

    public static string? Prompt(YamlFields fields, ReferenceCatalog catalog)
    {
        var prompt = fields.Text("prompt", expected: "the name of a template file in the prompts folder, without extension");
        if (prompt is { } p && catalog.Prompts is { } prompts && !prompts.Contains(p.Value))
        {
            var choices = prompts.Count == 0 ? "it has none" : "it has: " + string.Join(", ", prompts.Order(StringComparer.Ordinal));
            fields.Error(p.At, $"prompt '{p.Value}' not found; expected a file named {p.Value}.<ext> in {catalog.PromptsFolder} ({choices}){Suggestions.DidYouMean(p.Value, prompts)}");
        }

        return prompt?.Value;
    }

    public static IReadOnlyList<string> Tools(YamlFields fields, string? kind, ReferenceCatalog catalog)
    {
        var tools = fields.TextList("tools", required: kind == "tool", expected: "a list of registered tool names") ?? [];
        var known = catalog.Context.ToolNames;
        foreach (var tool in tools.Where(t => !known.Contains(t.Value)))
        {
            if (McpToolReference.IsReference(tool.Value) || catalog.McpServers is { Count: > 0 })
            {
                // MCP tools are only known once their servers answer, at start-up; without declared servers a plain unknown name is a typo.
                McpToolChecks.Check(fields, tool, catalog.McpServers);
                continue;
            }

            var choices = known.Count == 0 ? "no tools are registered" : "registered tools: " + string.Join(", ", known.Order(StringComparer.Ordinal));
            fields.Error(tool.At, $"tool '{tool.Value}' is not registered; expected a registered tool name ({choices}){Suggestions.DidYouMean(tool.Value, known)}");
        }

        if (kind is not null and not "tool" && tools.Count > 0)
        {
            fields.Diagnostics.Warning(fields.File, fields.At("tools"), $"tools are only called by agents of kind tool; this agent is kind {kind}");
        }

        return [.. tools.Select(t => t.Value)];
    }

    public static IReadOnlyList<string> Guardian(YamlFields fields, ReferenceCatalog catalog)
    {
        var checks = fields.TextList("guardian", expected: "a list of guardian checks") ?? [];
        var known = catalog.Context.GuardianChecks;
        foreach (var check in checks.Where(c => !known.Contains(c.Value)))
        {
            fields.Error(check.At, $"unknown guardian check '{check.Value}'; expected one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}{Suggestions.DidYouMean(check.Value, known)}");
        }

        if (catalog.GuardianModelConfigured == false)
        {
            foreach (var check in checks.Where(c => ConfigValidationContext.ModelGuardianChecks.Contains(c.Value)))
            {
                fields.Error(check.At, $"guardian check '{check.Value}' needs a guardian model; set guardian: {{ model: <a generative model> }} in orchestrator.yaml");
            }
        }

        return [.. checks.Select(c => c.Value).Distinct(StringComparer.Ordinal)];
    }

    public static AgentEscalationConfig Escalation(YamlFields fields)
    {
        var section = fields.Map("escalation", ["allowed", "always", "triggers"]);
        var allowed = section?.Boolean("allowed") ?? true;
        var always = section?.Boolean("always") ?? false;
        if (section is not null && always && !allowed)
        {
            section.Error(section.At("always"), "escalation has always: true and allowed: false, which contradict; expected at most one of them");
        }

        var triggers = section is null ? null : EscalationTriggers(section);
        return new AgentEscalationConfig { Allowed = allowed, Always = always, Triggers = triggers };
    }

    /// <summary>A <c>triggers:</c> list of escalation reason names; unknown names are errors with a suggestion.</summary>
    public static IReadOnlyList<string>? EscalationTriggers(YamlFields section)
    {
        var triggers = section.TextList("triggers", expected: "a list of escalation triggers, e.g. [out_of_scope, guardian_failed]");
        foreach (var bad in triggers?.Where(t => !EscalationConfig.AllTriggers.Contains(t.Value)) ?? [])
        {
            section.Error(bad.At, $"unknown escalation trigger '{bad.Value}'; expected one of: {string.Join(", ", EscalationConfig.AllTriggers)}{Suggestions.DidYouMean(bad.Value, EscalationConfig.AllTriggers)}");
        }

        return triggers?.Select(t => t.Value).Where(EscalationConfig.AllTriggers.Contains).Distinct().ToList();
    }
}
