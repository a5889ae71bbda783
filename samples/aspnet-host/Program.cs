// An ASP.NET Core app that embeds the orchestrator with a tool of its own (OrderTools) and serves
// the OpenAI-compatible API: POST /v1/chat/completions, /v1/models, /healthz, /readyz, /metrics.
//   dotnet run --project samples/aspnet-host -- --urls http://127.0.0.1:5090
//   curl http://127.0.0.1:5090/v1/chat/completions -H 'content-type: application/json' \
//     -d '{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}'
using AspNetHostSample;

var builder = WebApplication.CreateBuilder(args);

// assistant/orchestrator.yaml names the agents; agents/orders.yaml lists get_order_status.
builder.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(AppContext.BaseDirectory, "assistant", "orchestrator.yaml"))
    .AddTools<OrderTools>()
    .AddGuardianCheck<NoInternalCodesCheck>();
builder.Services.AddOrchestratorHttpApi();

var app = builder.Build();
app.MapGet("/", () => "Order assistant: POST /v1/chat/completions");
app.MapOrchestrator();
app.Run();
