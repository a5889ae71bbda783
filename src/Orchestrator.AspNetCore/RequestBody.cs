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

    private static ApiException TooLarge(long? length, long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"the request body {(length is { } l ? $"is {l:N0} bytes, " : "is ")}over the limit of {limit:N0} bytes (server.max_body_bytes); send a shorter conversation",
        ApiErrors.TooLarge);
}
