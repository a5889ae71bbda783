using Orchestrator.Routing;

namespace Orchestrator.Cli.Evaluation;

/// <summary>What <c>eval routing</c> asks for.</summary>
public sealed record RoutingEvalRequest
{
    public required string TrainPath { get; init; }

    public required string TestPath { get; init; }

    /// <summary>Null: detected from each file's extension and content.</summary>
    public RoutingDatasetFormat? Format { get; init; }

    /// <summary>CLINC150 test key (default <c>test</c>; <c>val</c> uses <c>val</c> + <c>oos_val</c>).</summary>
    public string? TestSplit { get; init; }

    /// <summary>
    /// When set, both files are split with <see cref="RoutingDatasetSplitter"/>: training uses the
    /// train part of the train file and testing the held-out part of the test file, so passing the
    /// same file twice gives disjoint train and test sets.
    /// </summary>
    public double? Holdout { get; init; }

    public int SplitSeed { get; init; } = 42;

    /// <summary>
    /// When set, this share of the training file's in-scope labels (chosen with <see cref="SplitSeed"/>)
    /// is removed from training, and their test rows count as out of scope: an estimate of how the
    /// router does on out-of-scope requests unlike any training example.
    /// </summary>
    public double? HoldoutIntents { get; init; }

    /// <summary>Add the router's built-in background set as extra negatives, as a deployment does by default.</summary>
    public bool Background { get; init; } = true;

    public SemanticRouterOptions? RouterOptions { get; init; }

    /// <summary>Route the spelling-corrected text (<c>router.typos.enabled</c>, on by default in the service).</summary>
    public bool CorrectTypos { get; init; } = true;

    /// <summary>When set, also scores clean and seeded noisy test text, each without and with correction (<see cref="TypoInjector"/>).</summary>
    public double? TypoRate { get; init; }

    public int TypoSeed { get; init; } = 1;

    /// <summary>Where fitted routers are cached; null fits afresh every time.</summary>
    public string? CacheDirectory { get; init; }
}
