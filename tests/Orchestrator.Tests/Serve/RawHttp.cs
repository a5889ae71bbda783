using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// HTTP/1.1 over a raw socket, so tests can send bytes no HTTP client would (invalid UTF-8, NUL,
/// oversized headers). Requests must say <c>Connection: close</c>; the reply is read to the end.
/// </summary>
internal static class RawHttp
{
    public sealed record Reply(int Status, string Head, string Body);

    /// <summary>A request with the given extra header lines (raw bytes, each ending in CRLF).</summary>
    public static byte[] Request(string method, string path, byte[] headerLines, string? body = null)
    {
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var start = Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
        var end = Encoding.ASCII.GetBytes(
            (body is null ? "" : $"Content-Type: application/json\r\nContent-Length: {bodyBytes.Length}\r\n") + "Connection: close\r\n\r\n");
        return [.. start, .. headerLines, .. end, .. bodyBytes];
    }

    public static Task<Reply> SendAsync(LoopbackServer server, byte[] request) => SendAsync(server.BaseAddress, request);

    public static async Task<Reply> SendAsync(Uri baseAddress, byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read all of an oversized request.
        }

        using var reader = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                reader.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (reader.Length > 0)
        {
            // A reset after the reply (unread request bytes on close) loses nothing already read.
        }

        var text = Encoding.UTF8.GetString(reader.ToArray());
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        return new Reply(status, head, head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            // Sizes count bytes; the error bodies here are ASCII, so characters do too.
            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
