using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Orchestrator.Tools;

/// <summary>
/// The tools this deployment can call, by name. Tools are Semantic Kernel plugins: C# objects with
/// <c>[KernelFunction("snake_name"), Description]</c> methods. Agents list the names they may use;
/// <c>ConfigValidationContext.ToolNames</c> gets <see cref="Names"/> so a typo fails config validation.
/// Invocation always goes through <see cref="ToolExecutor"/>, which validates arguments first.
/// </summary>
public sealed partial class ToolRegistry
{
    private readonly Kernel _kernel = new();
    private readonly Lock _writeLock = new();

    // Copy-on-write: requests read the current table without locking while a server that joins late
    // (McpToolSource) registers; writers copy it under _writeLock and publish the copy in one store.
    private ToolTable _table = new();

    public IReadOnlyCollection<string> Names => Volatile.Read(ref _table).Tools.Keys;

    public IReadOnlyList<ToolDescriptor> All => Volatile.Read(ref _table).Tools.Values.Select(t => t.Descriptor).ToList();

    /// <summary>Registers every <c>[KernelFunction]</c> method of <paramref name="plugin"/>.</summary>
    public ToolRegistry AddPlugin(object plugin, string? pluginName = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var kernelPlugin = KernelPluginFactory.CreateFromObject(plugin, pluginName ?? plugin.GetType().Name);
        if (kernelPlugin.FunctionCount == 0)
        {
            throw new ArgumentException(
                $"{plugin.GetType().Name} has no [KernelFunction] methods, so it offers no tools; mark each method agents may call with " +
                "[KernelFunction(\"snake_name\"), Description(\"what it does\")]", nameof(plugin));
        }

        var methods = plugin.GetType().GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static);
        Update(table =>
        {
            foreach (var function in kernelPlugin)
            {
                var method = methods.FirstOrDefault(m => m.GetCustomAttribute<KernelFunctionAttribute>() is { } a && (a.Name ?? m.Name) == function.Name);
                Add(table, function, method);
            }
        });
        return this;
    }

    /// <summary>
    /// Registers a tool that is not a Semantic Kernel function (e.g. from an MCP server). With a
    /// <paramref name="group"/> (e.g. <c>mcp:orders</c>) agents may list the group for all its tools, or
    /// <c>group/name</c> for one, where name is the registered name or <paramref name="alias"/>.
    /// </summary>
    public ToolRegistry Add(ToolDescriptor descriptor, string? group = null, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Update(table =>
        {
            if (table.Tools.ContainsKey(descriptor.Name))
            {
                throw new ArgumentException($"A tool named '{descriptor.Name}' is already registered.", nameof(descriptor));
            }

            table.Add(descriptor, group, alias);
        });
        return this;
    }

    /// <summary>
    /// Makes a group's tools exactly <paramref name="tools"/>, as one change that concurrent readers
    /// see whole, and clears the group's unavailable mark: a server that connects (at warm-up or
    /// later), reconnects or announces a changed tool list. Tools the group had and no longer lists are
    /// removed; a tool whose name another group or a local tool holds is left out (a server cannot
    /// replace what it does not own); an unchanged tool keeps its descriptor instance.
    /// </summary>
    internal ToolGroupChange ReplaceGroup(string group, IReadOnlyList<(ToolDescriptor Descriptor, string? Alias)> tools)
    {
        var change = new ToolGroupChange(tools.Count);
        Update(table =>
        {
            var owned = table.Groups.TryGetValue(group, out var members) ? members.ToHashSet(StringComparer.Ordinal) : [];
            var kept = new List<(ToolDescriptor Descriptor, string? Alias)>();
            for (var i = 0; i < tools.Count; i++)
            {
                var (descriptor, alias) = tools[i];
                var taken = table.Tools.TryGetValue(descriptor.Name, out var existing);
                if ((taken && !owned.Contains(descriptor.Name)) || kept.Exists(k => k.Descriptor.Name == descriptor.Name))
                {
                    change.Taken[i] = true;
                    continue;
                }

                if (!taken)
                {
                    change.Added.Add(descriptor.Name);
                }
                else if (existing!.Alias == alias && SameDeclaration(existing.Descriptor, descriptor))
                {
                    descriptor = existing.Descriptor;
                }
                else
                {
                    change.Updated.Add(descriptor.Name);
                }

                kept.Add((descriptor, alias));
            }

            var listed = kept.Select(k => k.Descriptor.Name).ToHashSet(StringComparer.Ordinal);
            change.Removed.AddRange(owned.Where(name => !listed.Contains(name)).Order(StringComparer.Ordinal));
            table.RemoveGroup(group);
            foreach (var (descriptor, alias) in kept)
            {
                table.Add(descriptor, group, alias);
            }

            table.Unavailable.Remove(group);
        });
        return change;
    }

    private static bool SameDeclaration(ToolDescriptor a, ToolDescriptor b) =>
        a.Description == b.Description && a.Policy == b.Policy && a.ParametersSchema.GetRawText() == b.ParametersSchema.GetRawText();

    /// <summary>Records why a group's tools are missing (e.g. its server is down), for error messages.</summary>
    public void MarkUnavailable(string group, string reason) => Update(table => table.Unavailable[group] = reason);

    /// <summary>Why tools that <paramref name="names"/> refer to are missing: the unavailable groups they name, else every unavailable group.</summary>
    public IReadOnlyList<string> UnavailableReasons(IEnumerable<string> names)
    {
        var unavailable = Volatile.Read(ref _table).Unavailable;
        var named = names.Select(n => n.Split('/', 2)[0]).Where(unavailable.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        return [.. (named.Count > 0 ? named : unavailable.Keys.Order(StringComparer.Ordinal).ToList()).Select(g => unavailable[g])];
    }

    public bool TryGet(string name, out KernelFunction function)
    {
        if (Volatile.Read(ref _table).Tools.TryGetValue(name, out var tool) && tool.Function is not null)
        {
            function = tool.Function;
            return true;
        }

        function = null!;
        return false;
    }

    public ToolDescriptor Get(string name) =>
        Volatile.Read(ref _table).Tools.TryGetValue(name, out var tool) ? tool.Descriptor : throw new KeyNotFoundException($"No tool named '{name}' is registered.");

    public string GetDescription(string name) => Get(name).Description;

    public JsonElement GetParametersSchema(string name) => Get(name).ParametersSchema;

    /// <summary>
    /// The tool as a Microsoft.Extensions.AI function (e.g. for FunctionInvokingChatClient); it validates
    /// arguments through <paramref name="executor"/> before the Semantic Kernel function runs.
    /// </summary>
    public AIFunction GetAIFunction(string name, ToolExecutor? executor = null) => new ValidatingAIFunction(Get(name), executor ?? new ToolExecutor());

    /// <summary>
    /// The descriptors for the names an agent lists, in its order, with groups (<c>mcp:orders</c>,
    /// <c>mcp:orders/get_order</c>) expanded; unknown names are skipped (config validation and start-up report them).
    /// </summary>
    public IReadOnlyList<ToolDescriptor> ForAgent(IEnumerable<string> names)
    {
        var table = Volatile.Read(ref _table);
        return names.SelectMany(table.Expand).Where(table.Tools.ContainsKey).Distinct(StringComparer.Ordinal).Select(n => table.Tools[n].Descriptor).ToList();
    }

    /// <summary>Applies <paramref name="change"/> to a copy of the table and publishes the copy; one writer at a time.</summary>
    private void Update(Action<ToolTable> change)
    {
        lock (_writeLock)
        {
            var copy = Volatile.Read(ref _table).Copy();
            change(copy);
            Volatile.Write(ref _table, copy);
        }
    }

    private void Add(ToolTable table, KernelFunction function, MethodInfo? method)
    {
        if (!SnakeCase().IsMatch(function.Name))
        {
            throw new ArgumentException($"Tool name '{function.Name}' must be snake_case, e.g. create_it_ticket.", nameof(function));
        }

        if (table.Tools.ContainsKey(function.Name))
        {
            throw new ArgumentException($"A tool named '{function.Name}' is already registered.", nameof(function));
        }

        var descriptor = new ToolDescriptor
        {
            Name = function.Name,
            Description = function.Description,
            ParametersSchema = function.JsonSchema,
            Examples = method?.GetCustomAttribute<ToolExamplesAttribute>()?.Examples ?? [],
            EnumSynonyms = ReadSynonyms(method),
            Policy = ReadPolicy(method, function),
            Invoke = (arguments, ct) => InvokeKernelFunctionAsync(function, arguments, ct),
        };
        table.Tools[function.Name] = new RegisteredTool(function, descriptor);
    }

    private async Task<string> InvokeKernelFunctionAsync(KernelFunction function, JsonElement arguments, CancellationToken cancellationToken)
    {
        // Semantic Kernel converts JsonElement values to the method's parameter types itself, except
        // a string into a plain enum (no JsonStringEnumConverter), which its schema nevertheless offers
        // by name; those are parsed here, by defined name only.
        var kernelArguments = new KernelArguments();
        foreach (var property in arguments.EnumerateObject())
        {
            kernelArguments[property.Name] = EnumValue(function, property) ?? (object)property.Value.Clone();
        }

        var result = await function.InvokeAsync(_kernel, kernelArguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>()?.ToString() ?? "";
    }

    private static object? EnumValue(KernelFunction function, JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var type = function.Metadata.Parameters.FirstOrDefault(p => p.Name == property.Name)?.ParameterType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is not { IsEnum: true })
        {
            return null;
        }

        var text = property.Value.GetString();
        var names = Enum.GetNames(type);
        var name = Array.Find(names, n => string.Equals(n, text, StringComparison.Ordinal))
            ?? Array.Find(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is null ? null : Enum.Parse(type, name);
    }

    private static ToolPolicy ReadPolicy(MethodInfo? method, KernelFunction function)
    {
        var effects = method?.GetCustomAttribute<SideEffectsAttribute>();
        var personal = method?.GetCustomAttribute<PersonalDataAttribute>();
        var parameters = function.Metadata.Parameters.Select(p => p.Name).ToList();
        if (personal is not null && ToolParameterCheck.NotTaken(function.Name, personal.SubjectArgument, parameters) is { } notTaken)
        {
            // A subject the tool does not take would guard nothing and break every call.
            throw new ArgumentException($"[PersonalData(\"{personal.SubjectArgument}\")] on tool '{function.Name}': {notTaken}; name the parameter that says whose records are read");
        }

        return new ToolPolicy
        {
            SideEffects = effects is not null,
            Confirm = effects?.Confirm ?? false,
            Personal = personal is null ? null : new PersonalDataPolicy(personal.SubjectArgument) { RolesAllowedAll = [.. personal.RolesAllowedAll] },
        };
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadSynonyms(MethodInfo? method)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var attribute in method?.GetCustomAttributes<ToolSynonymsAttribute>() ?? [])
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in attribute.Pairs)
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2)
                {
                    map[parts[0]] = parts[1];
                }
            }

            result[attribute.Parameter] = map;
        }

        return result;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    private sealed record RegisteredTool(KernelFunction? Function, ToolDescriptor Descriptor, string? Alias = null);
}
