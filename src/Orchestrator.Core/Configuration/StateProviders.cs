namespace Orchestrator.Configuration;

/// <summary>The values of <c>state.provider</c>.</summary>
public static class StateProviders
{
    public const string Sqlite = "sqlite";
    public const string Redis = "redis";

    public static readonly IReadOnlyList<string> All = [Sqlite, Redis];
}
