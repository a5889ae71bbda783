using System.ComponentModel;
using Microsoft.SemanticKernel;

/// <summary>The consumer's own tool.</summary>
public sealed class OrderTools
{
    [KernelFunction("get_order_status")]
    [Description("Looks up where a customer order is: its status and expected delivery date.")]
    public string GetOrderStatus([Description("The order number, e.g. 12345")] int orderId) =>
        $"Order {orderId} has shipped and arrives on Friday.";
}
