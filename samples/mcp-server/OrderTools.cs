using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Orchestrator.Samples.McpServer;

/// <summary>Order look-ups over an in-memory table, plus a tool that always fails, to show error results.</summary>
[McpServerToolType]
public sealed class OrderTools
{
    private static readonly Dictionary<string, string> Orders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A-1001"] = "shipped on 3 March, arriving 6 March",
        ["A-1002"] = "being packed",
        ["A-1003"] = "cancelled by the customer",
    };

    [McpServerTool(Name = "get_order_status", ReadOnly = true)]
    [Description("Looks up the delivery status of a customer order by its order id (A-1234).")]
    public static string GetOrderStatus([Description("Order id in the form A-1234")] string order_id)
    {
        var id = (order_id ?? "").Trim();
        return Orders.TryGetValue(id, out var status)
            ? $"Order {id.ToUpperInvariant()} is {status}."
            : throw new McpException($"no order with id {id} was found");
    }

    /// <summary>A camelCase name, as many MCP servers use; the orchestrator registers it as get_shipping_quote.</summary>
    [McpServerTool(Name = "getShippingQuote", ReadOnly = true)]
    [Description("Quotes the shipping price of a parcel by weight in kilograms.")]
    public static string GetShippingQuote([Description("Parcel weight in kilograms")] double weight_kg) =>
        string.Create(CultureInfo.InvariantCulture, $"Shipping {weight_kg:0.##} kg costs {4.5 + (1.25 * weight_kg):0.00} EUR.");

    /// <summary>Reads a variable the client passes through <c>env:</c>, to show it arrived.</summary>
    [McpServerTool(Name = "get_greeting", ReadOnly = true)]
    [Description("Returns the greeting configured for this order desk.")]
    public static string GetGreeting() => Environment.GetEnvironmentVariable("ORDER_DESK_GREETING") ?? "(no greeting configured)";

    [McpServerTool(Name = "refund_order")]
    [Description("Refunds a customer order by its order id (A-1234).")]
    public static string RefundOrder([Description("Order id in the form A-1234")] string order_id) =>
        throw new McpException($"refunds for {order_id} need a supervisor; the refund system is read-only here");
}
