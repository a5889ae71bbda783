using System.Net.Sockets;
using Orchestrator.Configuration;

namespace Orchestrator.Escalation;

/// <summary>
/// Checks at start-up that each escalation provider's endpoint accepts a TCP connection, so a
/// long-running service warns about an unreachable cloud before the first escalation needs it.
/// Only a connection is opened: no request, key or text is sent.
/// </summary>
public static class EndpointProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>One warning per provider whose endpoint cannot be reached; never throws for network errors.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        OrchestratorConfig config,
        IEnumerable<string> providers,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(providers);
        var checks = providers
            .Where(name => config.Models.TryGetValue(name, out var model) && model.Provider == ModelProviders.OpenAI)
            .Select(name => ProbeAsync(name, config.Models[name], timeout ?? DefaultTimeout, cancellationToken));
        var results = await Task.WhenAll(checks).ConfigureAwait(false);
        return [.. results.OfType<string>()];
    }

    private static async Task<string?> ProbeAsync(string name, ModelConfig model, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = model.Endpoint ?? "https://api.openai.com/v1";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return $"escalation model '{name}': endpoint '{endpoint}' is not an absolute URL, so escalation to it is unavailable";
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable(name, uri, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            return Unreachable(name, uri, ex.SocketErrorCode.ToString());
        }
    }

    private static string Unreachable(string name, Uri uri, string why) =>
        $"escalation model '{name}' at {uri.Scheme}://{uri.Host}:{uri.Port} is unreachable ({why}); escalations will try the next provider or answer locally (degraded) until it answers";
}
