using Microsoft.AspNetCore.Http;

namespace Orchestrator.AspNetCore;

/// <summary>Reads a request body into memory, refusing anything over server.max_body_bytes with 413 before it is buffered.</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(request.ContentLength.Value, limit);
        }

        if (request.ContentLength is { } length and < SmallBody)
        {
            return await ReadExactlyAsync(request, (int)length, limit, cancellationToken).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // Chunked bodies have no Content-Length: count as they arrive.
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(null, limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    // A chat request is usually a few hundred bytes: reading one with a known length into an array of
    // that length skips the 16 KB chunk and the stream's growth (allocation per request, perf18).
    private const long SmallBody = 64 * 1024;

    private static async Task<ReadOnlyMemory<byte>> ReadExactlyAsync(HttpRequest request, int length, long limit, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var filled = 0;
        try
        {
            int read;
            while (filled < length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            // Kestrel ends the body at Content-Length, so nothing is left to read; a shorter body is what arrived.
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }

        return body.AsMemory(0, filled);
    }

    private static ApiException TooLarge(long? length, long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"the request body {(length is { } l ? $"is {l:N0} bytes, " : "is ")}over the limit of {limit:N0} bytes (server.max_body_bytes); send a shorter conversation",
        ApiErrors.TooLarge);
}
