using System.ComponentModel;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Serve;

/// <summary>A personal tool: one customer's orders, for the caller only (HostEndpointCallerTests).</summary>
public sealed class CustomerOrderTools
{
    [KernelFunction("get_customer_orders"), Description("Looks up the status of a customer's orders.")]
    [PersonalData("customer_id")]
    public string GetCustomerOrders([Description("The customer id, e.g. C-1001")] string customer_id) =>
        $"Customer {customer_id} of {ToolCallContext.Caller.Tenant ?? "no tenant"}: order 12345 shipped on 3 March.";
}
