// Compiles against exactly the "Library API" of CONTRACTS.md, using only the packed packages.
using Microsoft.Extensions.DependencyInjection;   // AddOrchestrator lives here (M.E.AI convention)
using Microsoft.Extensions.Hosting;
using Orchestrator;                               // IOrchestrator, OrchestratorRequest, OrchestratorResponse

Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOrchestrator(o => o.ConfigFile = "orchestrator.yaml")  // YAML as today
    .AddTools<OrderTools>()                       // an SK plugin class: [KernelFunction] methods
    .AddTools(new ReturnsTools())                 // a plugin object
    .AddGuardianCheck<ShippingNoticeCheck>();     // the host's own check, listed by the orders agent
using var host = builder.Build();
await host.StartAsync();                          // hosted warm-up: ingest, router fit
var orchestrator = host.Services.GetRequiredService<IOrchestrator>();
OrchestratorResponse r = await orchestrator.AskAsync(new OrchestratorRequest("Where is order 12345?"));
Console.WriteLine($"route={r.Route.Agent} tool={(r.ToolCalls.Count > 0 ? r.ToolCalls[0].Name : "none")} answer={r.Answer}");
var deltas = 0;
await foreach (var update in orchestrator.StreamAsync(new OrchestratorRequest("Where is order 777?"))) { deltas++; }
await host.StopAsync();

var ownCheckRan = r.Guardian.Checks.Any(c => c.Name == ShippingNoticeCheck.CheckName);
if (r.Route.Agent != "orders" || r.ToolCalls.Count == 0 || r.ToolCalls[0].Name != "get_order_status" || !r.Answer.Contains("12345", StringComparison.Ordinal) || deltas == 0 || !ownCheckRan)
{
    Console.Error.WriteLine("consumer check FAILED: expected route orders, tool get_order_status, the order number in the answer and the host's own guardian check");
    return 1;
}

Console.WriteLine("consumer check passed");
return 0;
