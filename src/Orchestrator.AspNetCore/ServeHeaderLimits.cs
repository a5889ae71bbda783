using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Oversized headers and non-ASCII Authorization values get OpenAI-shaped errors. Kestrel rejects
/// both itself, before any middleware, with an empty body (431, 400). So Kestrel is given room
/// (<see cref="KestrelMaxTotalBytes"/>, Latin-1 for Authorization) and the API's own limits are
/// enforced here, where the reply can have the shape clients parse. Beyond Kestrel's room it still
/// answers a bare 431: a request that large is not an OpenAI client's.
/// </summary>
internal static class ServeHeaderLimits
{
    /// <summary>Kestrel's default total, kept as the API's limit.</summary>
    public const long MaxTotalBytes = 32 * 1024;

    /// <summary>Kestrel's default count, kept as the API's limit.</summary>
    public const int MaxCount = 100;

    public const long KestrelMaxTotalBytes = 4 * MaxTotalBytes;

    public const int KestrelMaxCount = 4 * MaxCount;

    /// <summary>Raises Kestrel's limits to the room above (never lowers what the host configured) and lets Authorization through as Latin-1.</summary>
    public static void ConfigureKestrel(KestrelServerOptions options)
    {
        options.Limits.MaxRequestHeadersTotalSize = (int)Math.Max(options.Limits.MaxRequestHeadersTotalSize, KestrelMaxTotalBytes);
        options.Limits.MaxRequestHeaderCount = Math.Max(options.Limits.MaxRequestHeaderCount, KestrelMaxCount);
        var inner = options.RequestHeaderEncodingSelector;
        options.RequestHeaderEncodingSelector = name =>
            inner(name) ?? (string.Equals(name, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1 : null);
    }

    /// <summary>Throws the API's 431 or 400 for headers Kestrel was told to let through.</summary>
    public static void Check(HttpRequest request)
    {
        long bytes = 0;
        var count = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // As Kestrel counts: "name: value\r\n".
                bytes += name.Length + 4 + (value?.Length ?? 0);
                count++;
            }
        }

        if (bytes > MaxTotalBytes || count > MaxCount)
        {
            throw new ApiException(
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"the request headers are {bytes:N0} bytes in {count} fields, over the limit of {MaxTotalBytes:N0} bytes and {MaxCount} fields; send fewer or shorter headers",
                ApiErrors.HeadersTooLarge);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Any(c => c is < ' ' or > '~'))
        {
            throw ApiException.BadRequest(
                "the Authorization header holds characters that are not printable ASCII; API keys are ASCII: send 'Authorization: Bearer <key>'",
                ApiErrors.InvalidHeader,
                "authorization");
        }
    }
}
