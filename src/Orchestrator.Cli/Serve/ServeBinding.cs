using System.Net;
using Orchestrator.Configuration;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// Refuses bindings that would expose the service: an unauthenticated non-loopback URL, or a URL
/// that cannot be bound. <c>serve</c> runs it before the host is built.
/// </summary>
internal static class ServeBinding
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>One line per problem with <paramref name="urls"/> (';'-separated, as for ASP.NET Core's --urls); empty when they are fine.</summary>
    public static IReadOnlyList<string> Check(string urls, ServerConfig server)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(server);
        var failures = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryHost(url, out var host))
            {
                failures.Add($"--urls: '{url}' is not an http(s) URL; expected e.g. {DefaultUrls}");
            }
            else if (!IsLoopback(host) && server.ApiKeys.Count == 0)
            {
                failures.Add($"--urls: '{url}' is reachable from other machines but server.api_keys is empty; add API keys (see `orchestrator keys hash`) or bind to 127.0.0.1");
            }
        }

        return failures;
    }

    private static bool TryHost(string url, out string host)
    {
        host = "";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || url[..schemeEnd] is not ("http" or "https"))
        {
            return false;
        }

        // ASP.NET Core accepts wildcard hosts (*, +) that Uri does not: they mean every interface.
        var rest = url[(schemeEnd + 3)..];
        var authority = rest.Split('/')[0];
        if (authority.StartsWith('*') || authority.StartsWith('+'))
        {
            host = "*";
            return true;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return false;
        }

        host = uri.Host;
        return true;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
