using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Escalation.Middleware;
using static Orchestrator.Tests.Escalation.Middleware.MiddlewareHarness;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>The cloud boundary uses the guardian's detector, so PII v2's names and addresses never leave in clear.</summary>
public sealed class PiiBoundaryNamesTests : MiddlewareTests
{
    [Fact]
    public async Task Person_names_and_street_addresses_become_placeholders_at_the_boundary()
    {
        H.A.Responder = request => Reply($"Sent to {Regex.Match(request.Messages[^1].Content, "<PERSON_[0-9]+>").Value} at {Regex.Match(request.Messages[^1].Content, "<STREET_ADDRESS_[0-9]+>").Value}.");
        using var client = H.Client(H.A).AsBuilder().UsePiiBoundary().Build();

        var response = await client.GetResponseAsync(Question("My name is Jennifer Hartley and I live at 221 Baker Street, Apt. 4B. Where is my parcel?"));

        var body = Assert.Single(H.A.Requests).Body;
        Assert.DoesNotContain("Jennifer", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hartley", body, StringComparison.Ordinal);
        Assert.DoesNotContain("221 Baker", body, StringComparison.Ordinal);
        Assert.Contains("<PERSON_1>", body, StringComparison.Ordinal);
        Assert.Contains("<STREET_ADDRESS_1>", body, StringComparison.Ordinal);
        Assert.Equal("Sent to Jennifer Hartley at 221 Baker Street, Apt. 4B.", response.Text);
    }
}
