namespace Orchestrator.AspNetCore;

/// <summary>Registered by <c>AddOrchestratorHttpApi()</c> so <c>MapOrchestrator()</c> can tell it was called.</summary>
internal sealed class HttpApiMarker;
