// An ASP.NET Core app that embeds the orchestrator with a tool of its own (OrderTools) and serves
// the OpenAI-compatible API: POST /v1/chat/completions, /v1/models, /healthz, /readyz, /metrics,
// and an endpoint of its own, /my/orders/{id}, that asks the orchestrator as the key's caller.
//   dotnet run --project samples/aspnet-host -- --urls http://127.0.0.1:5090
//   curl http://127.0.0.1:5090/v1/chat/completions -H 'authorization: Bearer sk-sample-ann-0001' \
//     -H 'content-type: application/json' \
//     -d '{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}'
//   curl -i http://127.0.0.1:5090/my/orders/12345 -H 'authorization: Bearer sk-sample-ann-0001'
using AspNetHostSample;
using Orchestrator;

var builder = WebApplication.CreateBuilder(args);

// assistant/orchestrator.yaml names the agents and the API key; agents/orders.yaml lists get_order_status.
builder.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(AppContext.BaseDirectory, "assistant", "orchestrator.yaml"))
    .AddTools<OrderTools>()
    .AddGuardianCheck<NoInternalCodesCheck>();
builder.Services.AddOrchestratorHttpApi();

var app = builder.Build();
app.MapGet("/", () => "Order assistant: POST /v1/chat/completions, GET /my/orders/{id}");
app.MapOrchestrator();

// The app's own endpoint, behind the orchestrator's API keys: 401 without a valid key, 429 with
// Retry-After once an address has guessed too often (server.failed_auth), else the answer, asked as
// the key's user so personal tools answer for that user only.
app.MapGet("/my/orders/{orderId:int}", async Task<IResult> (int orderId, HttpContext http, IOrchestrator orchestrator) =>
{
    var auth = await http.AuthenticateOrchestratorCallerAsync();
    if (!auth.IsAuthenticated)
    {
        return auth.ToRefusalResult();
    }

    var response = await orchestrator.AskAsync(new OrchestratorRequest($"Where is order {orderId}?") { Caller = auth.Caller }, http.RequestAborted);
    return Results.Text(response.Answer);
});

app.Run();
