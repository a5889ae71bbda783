using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Routing;

/// <summary>Settings of <see cref="SlmRouter"/>.</summary>
public sealed class SlmRouterOptions
{
    /// <summary>How long the model may take before the semantic router decides instead.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A chosen agent below this confidence is routed with <see cref="RouteDecision.LowConfidence"/> set.</summary>
    public double MinConfidence { get; init; } = 0.5;

    public int MaxOutputTokens { get; init; } = 64;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
