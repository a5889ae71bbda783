using Microsoft.AspNetCore.Builder;   // MapOrchestrator lives here (Orchestrator.AspNetCore package)

/// <summary>
/// Compiles the contract's ASP.NET Core name against the packed Orchestrator.AspNetCore package;
/// the HTTP API itself is exercised by the repository's tests.
/// </summary>
internal static class ApiHost
{
    public static WebApplication Map(WebApplication app) => app.MapOrchestrator();
}
