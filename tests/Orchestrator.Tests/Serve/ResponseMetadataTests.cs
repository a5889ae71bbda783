using System.Text.Json;
using Orchestrator.AspNetCore;

namespace Orchestrator.Tests.Serve;

/// <summary>The reply's <c>orchestrator</c> field is written directly now; it must be the same JSON the JsonObject route gave.</summary>
public sealed class ResponseMetadataTests
{
    public static TheoryData<OrchestratorResponse> Responses => new()
    {
        Minimal(),
        Minimal() with
        {
            Answer = "You get 25 days [1].",
            Route = new RouteInfo { Agent = "hr", Kind = "retrieval", Confidence = 0.8125, OutOfScope = false, Candidates = [new CandidateInfo("hr", 0.8125), new CandidateInfo("it", 0.1)] },
            Citations = [new CitationInfo(1, "handbook.md", "Leave > Vacation", "25 days \"paid\" \u2028 leave <b>&</b> é")],
            Cache = new CacheInfo { Hit = true, Match = "similar", Similarity = 0.97 },
            RetrievalQuery = null,
            TimingsMs = new TimingsInfo { Total = 12.5, Route = 8.25, Specialist = 3, Guardian = 1.125, Escalation = double.NaN },
        },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void The_written_metadata_equals_the_response_as_a_json_object_without_the_answer(OrchestratorResponse response)
    {
        var before = ChatShapes.Metadata(response).ToJsonString(OrchestratorJson.Options);
        var after = JsonSerializer.Serialize(new ResponseMetadata(response), ServeJson.Options);
        Assert.Equal(before, after);
        Assert.DoesNotContain("\"answer\"", after, StringComparison.Ordinal);
        Assert.Contains("\"retrieval_query\":null", after, StringComparison.Ordinal); // nulls are kept, as before
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void A_whole_reply_through_the_metadata_resolved_once_equals_the_options_own(OrchestratorResponse response)
    {
        var completion = new ChatCompletion("chatcmpl-1", ChatShapes.CompletionObject, 1_700_000_000, ChatShapes.ModelName(response.Route, response.Escalation.Needed),
            [new ChatChoice(0, new ChatMessage("assistant", response.Answer), "stop")], ChatShapes.Usage(response), new ResponseMetadata(response));
        var throughOptions = JsonSerializer.Serialize(completion, new JsonSerializerOptions(ServeJson.Options));
        var resolvedOnce = JsonSerializer.Serialize(completion, ServeJson.TypeInfo<ChatCompletion>(ServeJson.Options));
        Assert.Equal(throughOptions, resolvedOnce);
        Assert.Contains("\"orchestrator\":{", resolvedOnce, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_it_back_is_refused_clearly() =>
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<ResponseMetadata>("{}", ServeJson.Options));

    private static OrchestratorResponse Minimal() => new()
    {
        Answer = "hello",
        Route = new RouteInfo { Agent = "hr", Confidence = 0.9, OutOfScope = false },
        Guardian = new GuardianInfo { Passed = true },
        Escalation = new EscalationInfo { Needed = false, Performed = false },
        Cost = new CostInfo(),
        TimingsMs = new TimingsInfo { Total = 1 },
    };
}
