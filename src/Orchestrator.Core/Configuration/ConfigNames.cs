namespace Orchestrator.Configuration;

public static class RouterModes
{
    public const string Semantic = "semantic";
    public const string Slm = "slm";

    public static readonly IReadOnlyList<string> All = [Semantic, Slm];
}

/// <summary>Values of <c>router.background</c>: which general off-topic utterances join the negatives.</summary>
public static class RouterBackgrounds
{
    /// <summary>The set shipped with the router (see <c>Routing/Background/NOTICE.md</c>).</summary>
    public const string Builtin = "builtin";

    /// <summary>Only the configured <c>out_of_scope_examples</c> are negatives.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Builtin, None];
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
