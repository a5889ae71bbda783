using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI;
using OpenAI.Models;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary><c>GET /v1/models/{id}</c>: the SDK's <c>models.retrieve</c>.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ModelRetrieveTests(SampleRuntimeFixture fixture)
{
    [Fact]
    public async Task Every_listed_model_can_be_retrieved_as_the_same_object()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        using var list = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/models"));
        var ids = list.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.Contains("orchestrator", ids);
        Assert.Contains("hr-policy", ids);

        foreach (var id in ids)
        {
            using var response = await server.Client.GetAsync($"/v1/models/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(id, doc.RootElement.GetProperty("id").GetString());
            Assert.Equal("model", doc.RootElement.GetProperty("object").GetString());
            Assert.Equal("orchestrator", doc.RootElement.GetProperty("owned_by").GetString());
            Assert.True(doc.RootElement.GetProperty("created").GetInt64() > 1_600_000_000);
        }
    }

    [Fact]
    public async Task Ids_match_case_insensitively_like_the_chat_model_field()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/models/HR-Policy"));

        Assert.Equal("hr-policy", doc.RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("hr-polic")]
    [InlineData("a/b/c")]
    [InlineData("%0A%1B[31m")]
    [InlineData("%ED%A0%80")]
    [InlineData("%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80")]
    public async Task Unknown_or_hostile_ids_get_an_openai_shaped_404(string id)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.GetAsync($"/v1/models/{id}");

        var message = await ApiAssert.Error(response, HttpStatusCode.NotFound, "model_not_found");
        Assert.True(message.Length < 300, message);
        Assert.DoesNotContain("\u001b", message, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model", doc.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_huge_id_gets_a_short_404()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.GetAsync($"/v1/models/{new string('z', 6000)}");

        var message = await ApiAssert.Error(response, HttpStatusCode.NotFound, "model_not_found");
        Assert.True(message.Length < 300, message);
    }

    [Fact]
    public async Task Retrieving_needs_a_key_when_keys_are_configured()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        using var response = await server.Client.GetAsync("/v1/models/orchestrator");

        await ApiAssert.Error(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task The_openai_sdk_retrieves_a_model_and_gets_404_for_an_unknown_one()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        var client = new OpenAIModelClient(new ApiKeyCredential(LoopbackServer.Key), new OpenAIClientOptions { Endpoint = server.ApiEndpoint });

        var model = (await client.GetModelAsync("hr-policy")).Value;
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetModelAsync("nope"));

        Assert.Equal("hr-policy", model.Id);
        Assert.Equal("orchestrator", model.OwnedBy);
        Assert.Equal(404, error.Status);
    }
}
