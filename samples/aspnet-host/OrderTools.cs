using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AspNetHostSample;

/// <summary>The app's own tool: any agent whose YAML lists <c>get_order_status</c> may call it.</summary>
public sealed class OrderTools
{
    [KernelFunction("get_order_status")]
    [Description("Looks up where a customer order is: its status and expected delivery date.")]
    public string GetOrderStatus([Description("The order number, e.g. 12345")] int orderId) =>
        $"Order {orderId} has shipped and arrives on Friday.";
}
