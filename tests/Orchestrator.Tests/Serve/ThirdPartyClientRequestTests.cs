using System.Net;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// Requests captured from the Node clients in <c>scripts/compat/</c> (openai 6.49, ai 6.0 with
/// @ai-sdk/openai-compatible 2.0 and @ai-sdk/openai 3.0, @langchain/openai 1.5), replayed byte for
/// byte. Asking for JSON output or a forced tool call used to get a prose answer with status 200,
/// which the clients then failed to parse (LangChain's function-calling structured output even
/// returned <c>undefined</c> without an error); now each is a 400 naming the field.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ThirdPartyClientRequestTests(SampleRuntimeFixture fixture)
{
    private const string Question = "How many vacation days do I get?";

    public static TheoryData<string, string> StructuredOutputRequests => new()
    {
        // LangChain withStructuredOutput(schema, { method: "functionCalling" })
        {
            """{"model":"orchestrator","stream":false,"tools":[{"type":"function","function":{"name":"extract","parameters":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"days":{"type":"number"}},"required":["days"],"additionalProperties":false}}}],"tool_choice":{"type":"function","function":{"name":"extract"}},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "tool_choice"
        },
        // LangChain withStructuredOutput(schema, { method: "jsonSchema" })
        {
            """{"model":"orchestrator","stream":false,"response_format":{"type":"json_schema","json_schema":{"name":"extract","strict":true,"schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"days":{"type":"number","title":"extract"}},"required":["days"],"additionalProperties":false,"title":"extract"}}},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "response_format"
        },
        // LangChain withStructuredOutput(schema, { method: "jsonMode" })
        {
            """{"model":"orchestrator","stream":false,"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "response_format"
        },
        // AI SDK generateObject through @ai-sdk/openai-compatible (supportsStructuredOutputs: true)
        {
            """{"model":"orchestrator","response_format":{"type":"json_schema","json_schema":{"schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"days":{"type":"number"}},"required":["days"],"additionalProperties":false},"strict":true,"name":"response"}},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "response_format"
        },
        // OpenAI Node SDK: tool_choice "required", streamed
        {
            """{"model":"orchestrator","stream":true,"tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],"tool_choice":"required","messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "tool_choice"
        },
        // The deprecated functions API with a forced call
        {
            """{"model":"orchestrator","functions":[{"name":"f","parameters":{"type":"object","properties":{}}}],"function_call":{"name":"f"},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""",
            "function_call"
        },
    };

    [Theory]
    [MemberData(nameof(StructuredOutputRequests))]
    public async Task Json_output_or_a_forced_tool_call_is_a_400_naming_the_field(string body, string param)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(body));

        var message = await ApiAssert.Error(response, HttpStatusCode.BadRequest, "unsupported_value");
        Assert.StartsWith($"'{param}'", message, StringComparison.Ordinal);
        Assert.Equal(param, await ApiAssert.Param(response));
    }

    [Theory]
    [InlineData("""{"model":"orchestrator","response_format":{"type":"text"},"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""")]
    [InlineData("""{"model":"orchestrator","response_format":null,"tool_choice":null,"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""")]
    [InlineData("""{"model":"orchestrator","tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],"tool_choice":"auto","parallel_tool_calls":false,"messages":[{"role":"user","content":"How many vacation days do I get?"}]}""")]
    [InlineData("""{"model":"orchestrator","tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],"tool_choice":"none","messages":[{"role":"user","content":"How many vacation days do I get?"}]}""")]
    [InlineData("""{"model":"orchestrator","functions":[{"name":"f","parameters":{"type":"object","properties":{}}}],"function_call":"auto","messages":[{"role":"user","content":"How many vacation days do I get?"}]}""")]
    [InlineData("""{"model":"orchestrator","user":"u-42","n":1,"temperature":0.2,"max_tokens":256,"max_completion_tokens":256,"seed":7,"stop":["END"],"logprobs":false,"metadata":{"team":"hr"},"store":false,"messages":[{"role":"developer","content":[{"type":"text","text":"Answer briefly."}]},{"role":"user","content":[{"type":"text","text":"How many vacation"},{"type":"text","text":"days do I get?"}]}]}""")]
    public async Task What_clients_commonly_send_for_a_text_answer_is_still_answered(string body)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("25", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"orchestrator","response_format":"json","messages":[{"role":"user","content":"hi"}]}""", "invalid_type", "response_format")]
    [InlineData("""{"model":"orchestrator","response_format":{"type":"yaml"},"messages":[{"role":"user","content":"hi"}]}""", "unsupported_value", "response_format")]
    [InlineData("""{"model":"orchestrator","tool_choice":5,"messages":[{"role":"user","content":"hi"}]}""", "invalid_type", "tool_choice")]
    [InlineData("""{"model":"orchestrator","tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[]}},"messages":[{"role":"user","content":"hi"}]}""", "unsupported_value", "tool_choice")]
    public async Task Malformed_output_options_are_named(string body, string code, string param)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(body));

        await ApiAssert.Error(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(param, await ApiAssert.Param(response));
    }

    /// <summary>@ai-sdk/openai's default model, <c>openai("orchestrator")</c>, posts to the Responses API, which is now served.</summary>
    [Fact]
    public async Task The_responses_api_request_of_the_ai_sdk_is_answered()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.PostAsync(
            "/v1/responses",
            new StringContent($$"""{"model":"orchestrator","input":[{"role":"user","content":[{"type":"input_text","text":"{{Question}}"}]}]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("resp_", json.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
    }
}
