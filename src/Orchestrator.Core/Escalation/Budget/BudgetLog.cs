using Microsoft.Extensions.Logging;

namespace Orchestrator.Escalation.Budget;

/// <summary>Source-generated log messages of the budget stores. Amounts and tenants only; never request text.</summary>
internal static partial class BudgetLog
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void StartupWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 321, Level = LogLevel.Error, Message = "The budget store at {Location} is unreachable; {Consequence}: {Detail}")]
    public static partial void StoreUnavailable(ILogger logger, string location, string consequence, string detail);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Settlement of {Usd} USD (tenant '{Tenant}') could not be written to {Location}; it is kept in memory and written when the store is back: {Detail}")]
    public static partial void SettlementDeferred(ILogger logger, double usd, string tenant, string location, string detail);

    [LoggerMessage(EventId = 323, Level = LogLevel.Information, Message = "The budget store at {Location} is reachable again; {Count} deferred settlements written")]
    public static partial void SettlementsFlushed(ILogger logger, string location, int count);
}
