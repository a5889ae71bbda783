namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// A path whose stored documents an ingest kept although their files were not found: the path is
/// missing or unreadable, or every one of its documents was gone at once (an unmounted share looks
/// like that; <see cref="IngestOptions.PruneWhenAllGone"/> removes them on purpose).
/// </summary>
/// <param name="Path">The folder as the report names sources: relative to the ingest root, with forward slashes.</param>
/// <param name="Reason">What happened, in words.</param>
/// <param name="DocumentsKept">Stored documents under the path that were kept.</param>
/// <param name="EveryDocumentGone">True when the folder was readable but none of its stored documents was found.</param>
public sealed record PruneRefusal(string Path, string Reason, int DocumentsKept, bool EveryDocumentGone);
