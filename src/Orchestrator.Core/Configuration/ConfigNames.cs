namespace Orchestrator.Configuration;

public static class RouterModes
{
    public const string Semantic = "semantic";
    public const string Slm = "slm";

    public static readonly IReadOnlyList<string> All = [Semantic, Slm];
}

public static class StoreProviders
{
    public const string Sqlite = "sqlite";
    public const string Qdrant = "qdrant";

    public static readonly IReadOnlyList<string> All = [Sqlite, Qdrant];
}

public static class AgentKinds
{
    public static readonly IReadOnlyList<string> All = ["retrieval", "tool", "generation"];

    public static AgentKind Parse(string name) => name switch
    {
        "retrieval" => AgentKind.Retrieval,
        "tool" => AgentKind.Tool,
        "generation" => AgentKind.Generation,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an agent kind."),
    };
}
