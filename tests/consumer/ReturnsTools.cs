using System.ComponentModel;
using Microsoft.SemanticKernel;

/// <summary>A tool registered as an object (CONTRACTS.md: AddTools(object plugin)).</summary>
public sealed class ReturnsTools
{
    [KernelFunction("get_return_window")]
    [Description("Says how many days a customer has to return an order.")]
    public string GetReturnWindow() => "Orders can be returned within 30 days.";
}
