using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Orchestrator.Tests.Hosting;

/// <summary>A host's own tool, as a user would write one: a plain class with a Semantic Kernel function.</summary>
public sealed class OrderTools
{
    private readonly Dictionary<string, string> _orders = new(StringComparer.Ordinal) { ["12345"] = "shipped on 3 March", ["777"] = "awaiting payment" };

    public int Calls { get; private set; }

    [KernelFunction("get_order_status"), Description("Looks up the delivery status of a customer order by its order number.")]
    public string GetOrderStatus([Description("The order number, digits only, e.g. 12345")] string order_id)
    {
        Calls++;
        return _orders.TryGetValue(order_id, out var status) ? $"Order {order_id} was {status}." : $"No order {order_id} was found.";
    }
}
