namespace Orchestrator.Routing;

/// <summary>
/// The built-in background set: general off-topic utterances (weather, sport, trivia, recipes,
/// jokes, maths, celebrities, travel chit-chat and the like) shipped inside Orchestrator.Core.
/// Sources and licences are in <c>Routing/Background/NOTICE.md</c>: utterances written for this
/// project, and the out-of-scope training rows of CLINC150 (CC BY 3.0, Larson et al., 2019).
/// </summary>
public static class RouterBackground
{
    private const string ResourcePrefix = "router-background/";
    private static readonly Lazy<IReadOnlyList<string>> Lines = new(Load);

    /// <summary>The built-in utterances, in a fixed order (the router cache key depends on them).</summary>
    public static IReadOnlyList<string> Builtin => Lines.Value;

    private static IReadOnlyList<string> Load()
    {
        var assembly = typeof(RouterBackground).Assembly;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                var text = line.Trim();
                if (text.Length > 0 && !text.StartsWith('#') && seen.Add(text))
                {
                    result.Add(text);
                }
            }
        }

        return result;
    }
}
