namespace Orchestrator;

/// <summary>A retrieved passage the retrieval rail kept from every model: it carried instructions (indirect injection).</summary>
public sealed record QuarantinedPassageInfo(string ChunkId, string Source, string Locator, double Score, string Action);
