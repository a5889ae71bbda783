using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Orchestrator.Tests.Architecture;

/// <summary>
/// The dependency graph between the core's top-level folders, read from the compiled IL (every type
/// a type's fields, signatures, attributes and method bodies use), not from <c>using</c> lines.
/// A folder is the first namespace segment under <c>Orchestrator</c>; the root namespace is the
/// Contracts folder.
/// </summary>
internal sealed class FolderGraph
{
    public const string Root = "Orchestrator";

    private FolderGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> edges) => Edges = edges;

    /// <summary>Folder → folder it uses → the types that make the edge (for messages).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> Edges { get; }

    public IEnumerable<string> Folders => Edges.Keys.Concat(Edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal);

    public static FolderGraph Of(System.Reflection.Assembly assembly)
    {
        var architecture = new ArchLoader().LoadAssemblies(assembly).Build();
        var edges = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types.Where(t => t.Assembly.FullName == assembly.FullName))
        {
            if (FolderOf(type.Namespace.FullName) is not { } from)
            {
                continue;
            }

            var uses = edges.TryGetValue(from, out var existing) ? existing : edges[from] = new(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target.Namespace?.FullName is { } targetNamespace && FolderOf(targetNamespace) is { } to && to != from)
                {
                    (uses.TryGetValue(to, out var why) ? why : uses[to] = []).Add(type.Name + " → " + dependency.Target.Name);
                }
            }
        }

        return new FolderGraph(edges.ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, IReadOnlySet<string>>)e.Value.ToDictionary(u => u.Key, u => (IReadOnlySet<string>)u.Value, StringComparer.Ordinal),
            StringComparer.Ordinal));
    }

    /// <summary>"Contracts" for the root namespace, the first segment below it otherwise; null outside Orchestrator.</summary>
    public static string? FolderOf(string ns)
    {
        if (ns == Root)
        {
            return "Contracts";
        }

        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Strongly connected components with more than one folder: each one is an import cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Edges.TryGetValue(v, out var uses) ? uses.Keys : [])
            {
                if (!indices.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] == indices[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var folder in Folders.Where(f => !indices.ContainsKey(f)))
        {
            Visit(folder);
        }

        return cycles;
    }

    /// <summary>One line per folder: <c>Folder -> Used, Used</c>.</summary>
    public string Render() => string.Join(Environment.NewLine, Folders.Select(f =>
        $"{f} -> {string.Join(", ", Edges.TryGetValue(f, out var uses) ? uses.Keys.Order(StringComparer.Ordinal) : [])}"));
}
