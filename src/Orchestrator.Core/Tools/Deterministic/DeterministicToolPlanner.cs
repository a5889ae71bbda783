using System.Text.Json.Nodes;

namespace Orchestrator.Tools.Deterministic;

public enum ToolPlanKind
{
    /// <summary>The fit evidence says no offered tool serves the request.</summary>
    NoFit,

    /// <summary>A tool fits but a required argument is not in the request.</summary>
    NeedsInput,

    /// <summary>A tool and all its required arguments.</summary>
    Ready,
}

/// <summary>What the deterministic path decided for one request.</summary>
public sealed record ToolPlan(ToolPlanKind Kind, ToolDescriptor? Tool, double Score, JsonObject Arguments, IReadOnlyList<string> Missing)
{
    /// <summary>The selector's probability that a call is wanted (see <see cref="ToolFitWeights"/>).</summary>
    public double FitProbability { get; init; }
}

/// <summary>Selection then argument extraction: the whole tool-calling decision without a generative model.</summary>
public sealed class DeterministicToolPlanner(ToolSelector selector)
{
    public ToolSelector Selector { get; } = selector ?? throw new ArgumentNullException(nameof(selector));

    public async Task<ToolPlan> PlanAsync(string request, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken = default)
    {
        var selection = await Selector.SelectAsync(request, tools, cancellationToken).ConfigureAwait(false);
        if (selection.Chosen is not { } match)
        {
            return new ToolPlan(ToolPlanKind.NoFit, null, selection.Best?.Score ?? double.NaN, [], []) { FitProbability = selection.FitProbability };
        }

        var extracted = ArgumentExtractor.Extract(request, match.Tool);
        var kind = extracted.MissingRequired.Count == 0 ? ToolPlanKind.Ready : ToolPlanKind.NeedsInput;
        return new ToolPlan(kind, match.Tool, match.Score, extracted.Arguments, extracted.MissingRequired) { FitProbability = selection.FitProbability };
    }
}
