using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace Orchestrator.Tools;

/// <summary>
/// The outcome of one tool call: a result to show, or an error to feed back. <paramref name="Rejected"/>
/// marks errors caused by the arguments (the caller can fix them), as opposed to the tool breaking.
/// </summary>
public sealed record ToolOutcome(bool Ok, string Result, bool Rejected = false);

/// <summary>
/// The one place tools run: schema validation, then the tool, with domain errors turned into an
/// "error: ..." result instead of an exception, so a model can correct itself and the caller can
/// record the failed call. Unexpected exceptions are logged and reported without internals.
/// </summary>
public sealed partial class ToolExecutor(ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public Task<ToolOutcome> ExecuteAsync(ToolDescriptor tool, JsonElement arguments, CancellationToken cancellationToken = default) =>
        ExecuteAsync(tool, arguments, null, cancellationToken);

    /// <summary>Runs the tool with <paramref name="caller"/> as <see cref="ToolCallContext.Caller"/>; policies were applied before (<see cref="ToolCallGate"/>).</summary>
    public async Task<ToolOutcome> ExecuteAsync(ToolDescriptor tool, JsonElement arguments, CallerIdentity? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var errors = ToolSchemaValidator.Validate(tool.ParametersSchema, arguments);
        if (errors.Count > 0)
        {
            LogRejected(_logger, tool.Name, errors.Count);
            return new ToolOutcome(false, "error: invalid arguments: " + string.Join("; ", errors), Rejected: true);
        }

        if (tool.Invoke is null)
        {
            return new ToolOutcome(false, $"error: tool '{tool.Name}' has no implementation here");
        }

        try
        {
            using var scope = ToolCallContext.Enter(caller ?? CallerIdentity.Anonymous);
            return new ToolOutcome(true, await tool.Invoke(arguments, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Unwrap(ex) is ToolArgumentException domain)
        {
            LogRejected(_logger, tool.Name, 1);
            return new ToolOutcome(false, "error: " + domain.Message, Rejected: true);
        }
        catch (Exception ex) when (Unwrap(ex) is ArgumentException or FormatException or JsonException or KernelException)
        {
            // Semantic Kernel's own conversion failures (e.g. "P9" into an enum) are argument errors too.
            LogRejected(_logger, tool.Name, 1);
            return new ToolOutcome(false, $"error: the arguments could not be converted for '{tool.Name}'", Rejected: true);
        }
        catch (Exception ex) when (Unwrap(ex) is ToolUnavailableException unavailable)
        {
            LogFailed(_logger, tool.Name, ex);
            return new ToolOutcome(false, "error: " + unavailable.Message);
        }
        catch (Exception ex)
        {
            LogFailed(_logger, tool.Name, ex);
            return new ToolOutcome(false, $"error: tool '{tool.Name}' failed");
        }
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException or System.Reflection.TargetInvocationException && ex.InnerException is not null)
        {
            ex = ex.InnerException!;
        }

        return ex is KernelException { InnerException: ToolArgumentException inner } ? inner : ex;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Tool {Tool} rejected its arguments ({Errors} problems)")]
    private static partial void LogRejected(ILogger logger, string tool, int errors);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, string tool, Exception exception);
}
