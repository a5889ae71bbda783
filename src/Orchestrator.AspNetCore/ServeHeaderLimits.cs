using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Header errors get OpenAI-shaped bodies. Kestrel answers oversized headers (431) and header values
/// it cannot decode (400) itself, before any middleware, with an empty body. So Kestrel is given
/// room (<see cref="KestrelMaxTotalBytes"/>, <see cref="KestrelMaxCount"/>) and decodes every value
/// leniently (<see cref="ValueEncoding"/>), and the API's own limits and text rules are enforced
/// here, where the reply can have the shape clients parse. Beyond Kestrel's room it still answers a
/// bare 431: a request that large is not an OpenAI client's, and more room would cost memory per
/// connection under attack (README, "Limits").
/// </summary>
internal static class ServeHeaderLimits
{
    /// <summary>Kestrel's default total, kept as the API's limit.</summary>
    public const long MaxTotalBytes = 32 * 1024;

    /// <summary>Kestrel's default count, kept as the API's limit.</summary>
    public const int MaxCount = 100;

    public const long KestrelMaxTotalBytes = 4 * MaxTotalBytes;

    public const int KestrelMaxCount = 4 * MaxCount;

    /// <summary>
    /// UTF-8 that turns bytes which are not UTF-8 into U+FFFD instead of throwing. Kestrel's own
    /// decoding (ASCII, else strict UTF-8) throws, which ends the request with a bare 400; this keeps
    /// every valid value, user names in identity headers included, exactly as Kestrel would decode it,
    /// and leaves a mark that <see cref="Check"/> turns into a 400 naming the header.
    /// </summary>
    public static readonly Encoding ValueEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private const char Undecodable = '\uFFFD';

    /// <summary>Raises Kestrel's limits to the room above (never lowers what the host configured) and decodes header values leniently unless the host chose an encoding.</summary>
    public static void ConfigureKestrel(KestrelServerOptions options)
    {
        options.Limits.MaxRequestHeadersTotalSize = (int)Math.Max(options.Limits.MaxRequestHeadersTotalSize, KestrelMaxTotalBytes);
        options.Limits.MaxRequestHeaderCount = Math.Max(options.Limits.MaxRequestHeaderCount, KestrelMaxCount);
        var inner = options.RequestHeaderEncodingSelector;
        options.RequestHeaderEncodingSelector = name => inner(name) ?? ValueEncoding;
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
                bytes += name.Length + 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));
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

        CheckText(request.Headers);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Any(c => c is < ' ' or > '~'))
        {
            throw ApiException.BadRequest(
                "the Authorization header holds characters that are not printable ASCII; API keys are ASCII: send 'Authorization: Bearer <key>'",
                ApiErrors.InvalidHeader,
                "authorization");
        }
    }

    /// <summary>
    /// Every value must be text: UTF-8 (ASCII included) and, unless <paramref name="allowControlCharacters"/>,
    /// without control characters other than tab. The error names the header (header names are ASCII
    /// tokens; Kestrel refuses others) and never quotes the value, which may be a secret or an attack.
    /// </summary>
    public static void CheckText(IHeaderDictionary headers, bool allowControlCharacters = false)
    {
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                var problem = value is null ? null : TextProblem(value, allowControlCharacters);
                if (problem is not null)
                {
                    var header = EchoedText.Shorten(name);
                    throw ApiException.BadRequest(
                        $"the header '{header}' {problem}; send its value as ASCII or UTF-8 text",
                        ApiErrors.InvalidHeader,
                        header.ToLowerInvariant());
                }
            }
        }
    }

    /// <summary>
    /// For the host's own paths: the lenient decoding above lets values through that Kestrel would
    /// have refused (bytes that are not UTF-8), so they are refused here, before the host's endpoints
    /// see them; control characters Kestrel passed still pass there (a literal U+FFFD, which Kestrel
    /// passed, is refused too: it cannot be told from a decoding mark). Middleware the host added
    /// before MapOrchestrator() runs first.
    /// </summary>
    public static async Task RefuseUndecodableAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            CheckText(context.Request.Headers, allowControlCharacters: true);
        }
        catch (ApiException error)
        {
            await ApiErrors.WriteAsync(context.Response, error.Status, error.Message, error.Code, error.Param).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static string? TextProblem(string value, bool allowControlCharacters)
    {
        foreach (var c in value)
        {
            if (c == Undecodable)
            {
                return "holds bytes that are not valid UTF-8";
            }

            if (!allowControlCharacters && c != '\t' && char.IsControl(c))
            {
                return "holds control characters";
            }
        }

        return null;
    }
}
