namespace Orchestrator;

/// <summary>A sentence of a stored chunk and its unit-length embedding, computed once at ingest.</summary>
public sealed record SentenceVector(string Text, float[] Vector);
