using Xunit.Abstractions;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>The sample's question set (<see cref="SampleQuestions"/>) with the sample as shipped: the default, int8 embedder.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class SampleQuestionsTests(SampleRuntimeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public Task Sample_questions_are_routed_and_cited_as_labelled() =>
        SampleQuestions.AssertRoutedAndCitedAsync(fixture.Runtime, output);
}
