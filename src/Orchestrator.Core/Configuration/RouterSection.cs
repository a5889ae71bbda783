namespace Orchestrator.Configuration;

/// <summary>Reads <c>router:</c> and checks that the models it names exist and have the right provider.</summary>
internal static class RouterSection
{
    public static RouterConfig Read(YamlFields root, Dictionary<string, ModelConfig>? models)
    {
        var section = root.Map("router", ["mode", "embedder", "model", "out_of_scope_examples", "background", "stickiness", "typos"]);
        var defaults = new RouterConfig();
        var mode = section?.Choice("mode", RouterModes.All)?.Value ?? defaults.Mode;
        var embedder = section?.Text("embedder", expected: "the name of a model with provider embedded-minilm");
        CheckEmbedder(root, section, embedder, models, defaults.Embedder);

        var model = section?.Text("model", expected: "the name of a generative model under models");
        if (model is { } m)
        {
            if (mode == RouterModes.Slm)
            {
                ReferenceCatalog.CheckGenerativeModel(models, m, "router model", section!);
            }
            else
            {
                root.Diagnostics.Warning(root.File, m.At, "router.model is ignored in mode semantic; set mode: slm to route with it");
            }
        }
        else if (mode == RouterModes.Slm)
        {
            (section ?? root).Missing("model", "a generative model under models when mode is slm, e.g. model: ollama");
        }

        return new RouterConfig
        {
            Mode = mode,
            Embedder = embedder?.Value ?? defaults.Embedder,
            Model = model?.Value,
            OutOfScopeExamples = [.. (section?.TextList("out_of_scope_examples") ?? []).Select(e => e.Value)],
            Background = section?.Choice("background", RouterBackgrounds.All)?.Value ?? defaults.Background,
            Stickiness = ServerSection.ReadStickiness(section),
            Typos = ReadTypos(section),
        };
    }

    private static TyposConfig ReadTypos(YamlFields? router)
    {
        var section = router?.Map("typos", ["enabled", "retrieval"]);
        var defaults = new TyposConfig();
        return section is null
            ? defaults
            : new TyposConfig
            {
                Enabled = section.Boolean("enabled") ?? defaults.Enabled,
                Retrieval = section.Boolean("retrieval") ?? defaults.Retrieval,
            };
    }

    private static void CheckEmbedder(YamlFields root, YamlFields? section, Located? written, Dictionary<string, ModelConfig>? models, string defaultName)
    {
        if (models is null)
        {
            return;
        }

        var name = written?.Value ?? defaultName;
        var embedders = models.Values.Where(m => m.IsEmbedder).Select(m => m.Name).ToList();
        var choices = embedders.Count == 0
            ? "none are declared; add e.g. embedder: { provider: embedded-minilm } under models"
            : "one of: " + string.Join(", ", embedders);
        var at = written?.At ?? root.KeyAt("models");
        var what = written is null ? $"router embedder '{name}' (the default)" : $"router embedder '{name}'";
        if (!models.TryGetValue(name, out var model))
        {
            root.Diagnostics.Error(root.File, at, $"{what} is not declared under models; expected a model with provider embedded-minilm, {choices}{Suggestions.DidYouMean(name, embedders)}");
        }
        else if (!model.IsEmbedder)
        {
            (section ?? root).Error(at, $"{what} has provider {model.Provider}; expected a model with provider embedded-minilm, {choices}");
        }
    }
}
