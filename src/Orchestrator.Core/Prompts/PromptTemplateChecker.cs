using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Orchestrator.Configuration;

namespace Orchestrator.Prompts;

/// <summary>
/// Checks a template before it is used: it must parse as a Semantic Kernel template, and its
/// <c>{{...}}</c> blocks may only name the variables the specialists supply. Function calls are
/// refused because a template must not be able to run code.
/// </summary>
public static partial class PromptTemplateChecker
{
    public const string Question = "question";
    public const string Context = "context";
    public const string History = "history";
    public const string Tools = "tools";

    public static readonly IReadOnlyList<string> KnownVariables = [Question, Context, History, Tools];

    /// <summary>Every problem in one template, each at its 1-based line.</summary>
    public static IReadOnlyList<ConfigError> Check(string displayFile, string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new List<ConfigError>();
        var position = 0;
        while ((position = template.IndexOf("{{", position, StringComparison.Ordinal)) >= 0)
        {
            var end = template.IndexOf("}}", position + 2, StringComparison.Ordinal);
            var line = LineOf(template, position);
            if (end < 0)
            {
                errors.Add(new ConfigError(displayFile, line, 0, "'{{' is never closed with '}}'"));
                break;
            }

            var block = template[(position + 2)..end].Trim();
            var match = VariableBlock().Match(block);
            if (!match.Success)
            {
                errors.Add(new ConfigError(displayFile, line, 0,
                    $"'{{{{{block}}}}}' is not a variable; templates may only use {string.Join(", ", KnownVariables.Select(v => "{{$" + v + "}}"))}"));
            }
            else if (!KnownVariables.Contains(match.Groups[1].Value))
            {
                errors.Add(new ConfigError(displayFile, line, 0,
                    $"unknown variable '${match.Groups[1].Value}'; known: {string.Join(", ", KnownVariables.Select(v => "$" + v))}{Suggestions.DidYouMean(match.Groups[1].Value, KnownVariables)}"));
            }

            position = end + 2;
        }

        if (errors.Count == 0 && ParseError(template) is { } parse)
        {
            errors.Add(new ConfigError(displayFile, 1, 0, $"the template does not parse: {parse}"));
        }

        return errors;
    }

    private static string? ParseError(string template)
    {
        try
        {
            _ = PromptLibrary.TemplateFactory.Create(new PromptTemplateConfig(template));
            return null;
        }
        catch (KernelException ex)
        {
            return ex.Message;
        }
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    [GeneratedRegex(@"^\$([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex VariableBlock();
}
