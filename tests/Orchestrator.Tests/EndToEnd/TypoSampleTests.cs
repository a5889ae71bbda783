using System.Text.Json;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// Misspelled requests on the sample, end to end with the real embedder: issue 13 found 0 of 5
/// typo requests routed right ("how mnay vacaton days do i get" went to leave-balance).
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class TypoSampleTests(SampleRuntimeFixture fixture)
{
    [Theory]
    [InlineData("how mnay vacaton days do i get", "hr-policy", "how many vacation days do i get")]
    [InlineData("wat is the minimun pasword lenght", "it-helpdesk", "wat is the minimum password length")]
    [InlineData("how do i reprot a phising email", "security-policy", "how do i report a phishing email")]
    public async Task Misspelled_requests_reach_their_agent_and_search_the_corrected_text(string text, string agent, string corrected)
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(text));

        Assert.Equal(agent, response.Route.Agent);
        Assert.False(response.Route.OutOfScope);
        Assert.Equal(corrected, response.Route.CorrectedText);
        Assert.Equal(corrected, response.RetrievalQuery);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(response, OrchestratorJson.Options));
        Assert.Equal(corrected, json.RootElement.GetProperty("route").GetProperty("corrected_text").GetString());
        Assert.Equal(corrected, json.RootElement.GetProperty("retrieval_query").GetString());
    }

    [Fact]
    public async Task A_correctly_spelled_request_reports_no_correction()
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("What is the minimum password length?"));

        Assert.Equal("it-helpdesk", response.Route.Agent);
        Assert.Null(response.Route.CorrectedText);
        Assert.Null(response.RetrievalQuery);
    }
}
