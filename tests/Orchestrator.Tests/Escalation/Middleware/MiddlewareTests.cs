namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>A fresh <see cref="MiddlewareHarness"/> per test: its own fake servers, budget file and clock.</summary>
public abstract class MiddlewareTests : IAsyncLifetime
{
    internal MiddlewareHarness H { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await H.DisposeAsync();
}
