using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// A document's stored fingerprint is the SHA-256 of its file, so an unchanged file is never read again. When a
/// reader learns to read a format better (PDF headings from the type, running headers left out), stores written
/// before would keep the old reading for good. A format whose reading changed has a revision that is hashed in
/// front of the file's bytes: the file reads as changed once, and the next ingest or start re-reads it.
/// </summary>
internal static class ReadingRevision
{
    /// <summary>The current reading of each format that changed since stores were first written; none for the others.</summary>
    private static readonly Dictionary<string, string> Revisions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "pdf-headings-from-type-1",
    };

    /// <summary>The SHA-256 (lower-case hex) of the file, behind its format's reading revision when it has one.</summary>
    public static async Task<string> FileSha256Async(string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Revisions.TryGetValue(Path.GetExtension(path), out var revision))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(revision + "\n"));
        }

        var buffer = new byte[81920];
        await using var stream = File.OpenRead(path);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
