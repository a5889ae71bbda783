namespace Orchestrator.Hosting;

/// <summary>One Semantic Kernel plugin object added with <c>AddTools</c>; created from the container when the host starts.</summary>
internal sealed record ToolPluginRegistration(Type PluginType, Func<IServiceProvider, object> Create);
