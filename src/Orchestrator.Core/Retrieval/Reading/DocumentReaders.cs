using System.Globalization;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// Picks a reader by extension and turns every failure (unsupported type, too large, corrupt,
/// empty) into a skip reason, so one bad file never stops the ingest of the others.
/// </summary>
public sealed class DocumentReaders
{
    public const long DefaultMaxFileBytes = 20L * 1024 * 1024;

    private readonly Dictionary<string, IDocumentReader> _byExtension = new(StringComparer.OrdinalIgnoreCase);
    private readonly long _maxFileBytes;

    public DocumentReaders(long maxFileBytes = DefaultMaxFileBytes, IEnumerable<IDocumentReader>? readers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        _maxFileBytes = maxFileBytes;
        foreach (var reader in readers ?? [new MarkdownReader(), new PlainTextReader(), new HtmlReader(), new PdfReader(), new DocxReader()])
        {
            foreach (var extension in reader.Extensions)
            {
                _byExtension[extension] = reader;
            }
        }
    }

    public IReadOnlyCollection<string> SupportedExtensions => _byExtension.Keys;

    public async Task<DocumentReadResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(path);
        if (!_byExtension.TryGetValue(extension, out var reader))
        {
            var supported = string.Join(" ", _byExtension.Keys.Order(StringComparer.Ordinal));
            return DocumentReadResult.Skip($"unsupported file type '{extension}' (supported: {supported})");
        }

        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                return DocumentReadResult.Skip("file not found");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return DocumentReadResult.Skip($"cannot access the file: {ex.Message}");
        }

        if (info.Length == 0)
        {
            return DocumentReadResult.Skip("the file is empty");
        }

        if (info.Length > _maxFileBytes)
        {
            // In bytes: rounded megabytes read "20.0 MB, over the 20.0 MB limit" for a file a few bytes over.
            return DocumentReadResult.Skip(string.Create(CultureInfo.InvariantCulture, $"the file is {info.Length:N0} bytes, over the {_maxFileBytes:N0}-byte limit ({_maxFileBytes / (1024.0 * 1024):0.#} MB); split it into smaller files"));
        }

        IReadOnlyList<DocumentBlock> blocks;
        try
        {
            blocks = await reader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException)
        {
            // PdfPig's own text ("none of the provided passwords ...") reads as if the user had passed some.
            return DocumentReadResult.Skip("the PDF is password-protected; ingest an unprotected copy (e.g. qpdf --decrypt --password=<password> in.pdf out.pdf)");
        }
        catch (Exception ex)
        {
            // Parsers throw many exception types on corrupt input; any of them means "skip this file".
            return DocumentReadResult.Skip($"could not be read as {extension.TrimStart('.').ToUpperInvariant()}: {ex.Message}");
        }

        return blocks.Count == 0
            ? DocumentReadResult.Skip(reader is PdfReader
                ? "no text found in the file (a scanned or image-only PDF has no text layer: run OCR on it first, e.g. ocrmypdf, and ingest the result)"
                : "no text found in the file")
            : new DocumentReadResult { Blocks = blocks };
    }
}
