using Microsoft.SemanticKernel;
using Orchestrator.Configuration;

namespace Orchestrator.Prompts;

/// <summary>The values a template may use; empty strings render as nothing.</summary>
public sealed record PromptVariables(string Question, string Context = "", string History = "", string Tools = "");

/// <summary>A template that failed <see cref="PromptTemplateChecker"/>; the message lists every <c>file:line</c> problem.</summary>
public sealed class PromptTemplateException : Exception
{
    public PromptTemplateException()
    {
    }

    public PromptTemplateException(string message)
        : base(message)
    {
    }

    public PromptTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IReadOnlyList<ConfigError> Errors { get; init; } = [];
}

/// <summary>
/// Prompt templates from the prompts folder (<c>prompts/&lt;name&gt;.*</c>), rendered with Semantic
/// Kernel's template engine. Values are inserted verbatim: SK would otherwise HTML-encode them
/// (turning <c>&lt;</c> and <c>&amp;</c> in documents into entities), and the rendered text is only ever
/// sent as one message's content, never parsed back into chat roles, so tags in retrieved text
/// cannot forge a system message.
/// </summary>
public sealed class PromptLibrary
{
    /// <summary>
    /// AllowDangerouslySetContent only disables SK's encoding of inserted values; it is safe here
    /// because rendered prompts are not re-parsed as &lt;message&gt; chat prompts (see class remarks).
    /// </summary>
    internal static readonly KernelPromptTemplateFactory TemplateFactory = new() { AllowDangerouslySetContent = true };

    private readonly Dictionary<string, string> _templates;

    private PromptLibrary(Dictionary<string, string> templates) => _templates = templates;

    public static PromptLibrary Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Loads and checks every template; throws <see cref="PromptTemplateException"/> listing all problems.</summary>
    public static PromptLibrary Load(string folder)
    {
        var (templates, errors) = Read(folder);
        if (errors.Count > 0)
        {
            throw new PromptTemplateException("invalid prompt templates:" + Environment.NewLine + string.Join(Environment.NewLine, errors)) { Errors = errors };
        }

        return new PromptLibrary(templates);
    }

    /// <summary>Checks every template in the folder without keeping them (config validation); a missing folder has no errors.</summary>
    public static IReadOnlyList<ConfigError> Validate(string folder) => Read(folder).Errors;

    /// <summary>A library from in-memory templates (tests, embedded defaults); they are checked like files.</summary>
    public static PromptLibrary FromTemplates(IReadOnlyDictionary<string, string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var errors = templates.SelectMany(t => PromptTemplateChecker.Check(t.Key, t.Value)).ToList();
        if (errors.Count > 0)
        {
            throw new PromptTemplateException(string.Join(Environment.NewLine, errors)) { Errors = errors };
        }

        return new PromptLibrary(templates.ToDictionary(StringComparer.Ordinal));
    }

    public bool Contains(string name) => _templates.ContainsKey(name);

    /// <summary>Renders the named template, or <paramref name="fallbackTemplate"/> when <paramref name="name"/> is null.</summary>
    public Task<string> RenderAsync(string? name, string fallbackTemplate, PromptVariables variables, CancellationToken cancellationToken = default)
    {
        if (name is null)
        {
            return RenderTemplateAsync(fallbackTemplate, variables, cancellationToken);
        }

        return _templates.TryGetValue(name, out var template)
            ? RenderTemplateAsync(template, variables, cancellationToken)
            : throw new KeyNotFoundException($"prompt template '{name}' is not in the prompts folder");
    }

    /// <summary>Renders one template text with Semantic Kernel.</summary>
    public static async Task<string> RenderTemplateAsync(string template, PromptVariables variables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var prompt = TemplateFactory.Create(new PromptTemplateConfig(template));
        var arguments = new KernelArguments
        {
            [PromptTemplateChecker.Question] = variables.Question,
            [PromptTemplateChecker.Context] = variables.Context,
            [PromptTemplateChecker.History] = variables.History,
            [PromptTemplateChecker.Tools] = variables.Tools,
        };
        return await prompt.RenderAsync(new Kernel(), arguments, cancellationToken).ConfigureAwait(false);
    }

    private static (Dictionary<string, string> Templates, List<ConfigError> Errors) Read(string folder)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<ConfigError>();
        if (!Directory.Exists(folder))
        {
            return (templates, errors);
        }

        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (string.IsNullOrEmpty(name) || name.StartsWith('.'))
            {
                continue;
            }

            var display = ConfigDiagnostics.DisplayPath(file);
            if (templates.ContainsKey(name))
            {
                errors.Add(new ConfigError(display, 0, 0, $"another file in the prompts folder is also named '{name}'; prompt names must be unique"));
                continue;
            }

            var text = File.ReadAllText(file);
            errors.AddRange(PromptTemplateChecker.Check(display, text));
            templates[name] = text;
        }

        return (templates, errors);
    }
}
