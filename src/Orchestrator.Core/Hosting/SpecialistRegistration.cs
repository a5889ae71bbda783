using Orchestrator.Configuration;

namespace Orchestrator.Hosting;

/// <summary>A specialist added with <c>AddSpecialist</c>: for one agent by name, or for every agent of a kind.</summary>
internal sealed record SpecialistRegistration(string? Agent, AgentKind? Kind, Func<IServiceProvider, ISpecialist> Create, Type? SpecialistType = null);
