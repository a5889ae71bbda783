using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>Budgets enforced on real escalations: each call costs exactly <see cref="EscalationDeployment.UsdPerCall"/>.</summary>
public sealed class BudgetEscalationTests
{
    private static readonly string TenBudget = $"  budget: {{ usd_per_day: {EscalationDeployment.UsdPerCall * 10:0.###} }}";

    [Fact]
    public async Task Sixty_four_parallel_escalations_against_a_budget_for_ten_make_exactly_ten_calls()
    {
        await using var d = await EscalationDeployment.StartAsync(TenBudget);

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => d.AskAsync($"Where do employees park? ({i})", escalate: true))));

        Assert.Equal(10, d.Primary.Requests.Count);
        Assert.Empty(d.Secondary.Requests);
        Assert.Equal(10, responses.Count(r => r.Escalation.Performed));
        var refused = responses.Where(r => !r.Escalation.Performed).ToList();
        Assert.Equal(54, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal("budget", r.Escalation.DegradedReason);
            Assert.True(r.Escalation.Degraded);
            Assert.Contains("level 2", r.Answer, StringComparison.Ordinal);
        });
        var spent = responses.Sum(r => r.Cost.Usd);
        Assert.True(spent <= (EscalationDeployment.UsdPerCall * 10) + 1e-9, $"spent {spent}");
        var usage = await d.Runtime.Pipeline.Cloud!.Budget!.UsageAsync(null);
        Assert.Equal(EscalationDeployment.UsdPerCall * 10, usage.GlobalUsd, 6);
    }

    [Fact]
    public async Task Spend_survives_a_restart()
    {
        using var dir = new TempDirectory();
        var first = await EscalationDeployment.StartAsync(TenBudget, reuse: dir);
        for (var i = 0; i < 9; i++)
        {
            Assert.True((await first.AskAsync("Where do employees park?", escalate: true)).Escalation.Performed);
        }

        await first.StopAsync(keepDirectory: true);

        await using var second = await EscalationDeployment.StartAsync(TenBudget, reuse: dir);
        Assert.True((await second.AskAsync("Where do employees park?", escalate: true)).Escalation.Performed);
        Assert.Equal("budget", (await second.AskAsync("Where do employees park?", escalate: true)).Escalation.DegradedReason);
        Assert.Single(second.Primary.Requests);
    }

    [Fact]
    public async Task Tenant_budgets_are_isolated()
    {
        var perTenant = $"  budget: {{ usd_per_day: 100, tenant_usd_per_day: {EscalationDeployment.UsdPerCall * 2:0.###} }}";
        await using var d = await EscalationDeployment.StartAsync(perTenant);

        for (var i = 0; i < 2; i++)
        {
            Assert.True((await d.AskAsync("Where do employees park?", escalate: true, tenant: "acme")).Escalation.Performed);
        }

        var refused = await d.AskAsync("Where do employees park?", escalate: true, tenant: "acme");
        Assert.Equal("budget", refused.Escalation.DegradedReason);
        Assert.Contains("tenant limit", refused.Answer, StringComparison.Ordinal);
        Assert.True((await d.AskAsync("Where do employees park?", escalate: true, tenant: "globex")).Escalation.Performed);
        Assert.Equal(3, d.Primary.Requests.Count);
    }

    [Fact]
    public async Task Corrupt_budget_file_stops_start_up_with_a_message_naming_it()
    {
        using var dir = new TempDirectory();
        var file = dir.Write(".orchestrator/budget.db", new string('x', 4096));

        var error = await Assert.ThrowsAsync<Orchestrator.Retrieval.Storage.StoreException>(() => EscalationDeployment.StartAsync(TenBudget, reuse: dir));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Equal(new string('x', 4096), File.ReadAllText(file));
    }
}
