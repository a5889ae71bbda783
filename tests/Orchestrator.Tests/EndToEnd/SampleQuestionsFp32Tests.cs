using Xunit.Abstractions;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The sample's question set (<see cref="SampleQuestions"/>) with <c>quantization: none</c>, the fp32
/// model users can opt back to: the sample's agents must serve both embedders.
/// </summary>
[Collection(SampleFp32RuntimeCollection.Name)]
public sealed class SampleQuestionsFp32Tests(SampleFp32RuntimeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public Task Sample_questions_are_routed_and_cited_as_labelled_with_the_fp32_embedder() =>
        SampleQuestions.AssertRoutedAndCitedAsync(fixture.Runtime, output);
}
