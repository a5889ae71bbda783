using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>One fitted help-desk router shared by the tests of a class: fitting is the slow part.</summary>
public sealed class HelpDeskRouterFixture : IAsyncLifetime
{
    public SemanticRouter Router { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Router = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance);

    public Task DisposeAsync() => Task.CompletedTask;
}
