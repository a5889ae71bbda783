using System.Net;
using Microsoft.Extensions.Options;
using Orchestrator.Configuration;

namespace Orchestrator.Cli.Serve;

/// <summary>What <c>serve</c> listens on and enforces: the URLs plus the configuration's <c>server:</c> and <c>telemetry:</c>.</summary>
internal sealed class ServeSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Semicolon-separated URLs, as for ASP.NET Core's --urls.</summary>
    public string Urls { get; set; } = DefaultUrls;

    public ServerConfig Server { get; set; } = new();

    public TelemetryConfig Telemetry { get; set; } = new();

    public static ServeSettings From(OrchestratorConfig config, string? urls) => new()
    {
        Urls = string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls,
        Server = config.Server,
        Telemetry = config.Telemetry,
    };
}

/// <summary>
/// Refuses settings that would expose the service: an unauthenticated non-loopback binding, or a
/// URL that cannot be bound. Runs at start-up (ValidateOnStart) and in <c>serve</c> before the slow runtime start.
/// </summary>
internal sealed class ServeSettingsValidator : IValidateOptions<ServeSettings>
{
    public ValidateOptionsResult Validate(string? name, ServeSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryHost(url, out var host))
            {
                failures.Add($"--urls: '{url}' is not an http(s) URL; expected e.g. {ServeSettings.DefaultUrls}");
            }
            else if (!IsLoopback(host) && options.Server.ApiKeys.Count == 0)
            {
                failures.Add($"--urls: '{url}' is reachable from other machines but server.api_keys is empty; add API keys (see `orchestrator keys hash`) or bind to 127.0.0.1");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
