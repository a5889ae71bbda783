using Microsoft.Extensions.AI;
using Orchestrator.Configuration;

namespace Orchestrator.Routing;

/// <summary>
/// Routes with a small generative model (<c>router: { mode: slm }</c>): the model classifies the request
/// against the agents' names and descriptions and answers with JSON. Bad output, a failing model or a
/// timeout hand the request to the wrapped (semantic) router, and <see cref="RouteDecision.Source"/>
/// says which router decided and why.
/// </summary>
public sealed class SlmRouter : IRouter
{
    public const string SourceSlm = "slm";
    public const string SourceFallback = "semantic-fallback";

    private readonly IChatClient _client;
    private readonly IRouter _fallback;
    private readonly IReadOnlyList<AgentDefinition> _agents;
    private readonly string[] _agentNames;
    private readonly SlmRouterOptions _options;
    private readonly ChatResponseFormat _format;

    public SlmRouter(IChatClient client, IRouter fallback, IReadOnlyList<AgentDefinition> agents, SlmRouterOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
        _agents = agents ?? throw new ArgumentNullException(nameof(agents));
        _agentNames = [.. agents.Select(a => a.Name)];
        _options = options ?? new SlmRouterOptions();
        _format = SlmRoutePrompt.SchemaFor(_agentNames);
    }

    public async Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return await _fallback.RouteAsync(text, cancellationToken).ConfigureAwait(false);
        }

        string? reply;
        using (var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                var response = await _client.GetResponseAsync(SlmRoutePrompt.Build(_agents, text), ChatOptions(), linked.Token).ConfigureAwait(false);
                reply = response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await FallBackAsync(text, "timeout", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return await FallBackAsync(text, "model error (" + ex.GetType().Name + ")", cancellationToken).ConfigureAwait(false);
            }
        }

        var choice = SlmRouteParser.Parse(reply, _agentNames, out var reason);
        if (choice is null)
        {
            return await FallBackAsync(text, reason, cancellationToken).ConfigureAwait(false);
        }

        SlmRouterLog.Chose(_options.Logger, choice.Agent, choice.Confidence);
        var outOfScope = choice.Agent == SlmRoutePrompt.None;
        return new RouteDecision
        {
            Route = outOfScope ? null : choice.Agent,
            Confidence = choice.Confidence,
            Candidates = outOfScope ? [] : [new RouteCandidate(choice.Agent, choice.Confidence)],
            OutOfScope = outOfScope,
            LowConfidence = !outOfScope && choice.Confidence < _options.MinConfidence,
            Source = SourceSlm,
        };
    }

    private ChatOptions ChatOptions() => new()
    {
        Temperature = 0,
        MaxOutputTokens = _options.MaxOutputTokens,
        ResponseFormat = _format,
    };

    private async Task<RouteDecision> FallBackAsync(string text, string reason, CancellationToken cancellationToken)
    {
        SlmRouterLog.FellBack(_options.Logger, reason);
        var decision = await _fallback.RouteAsync(text, cancellationToken).ConfigureAwait(false);
        return decision with { Source = $"{SourceFallback}: {reason}" };
    }
}
