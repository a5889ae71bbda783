namespace Orchestrator.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class SampleFp32RuntimeCollection : ICollectionFixture<SampleFp32RuntimeFixture>
{
    public const string Name = "sample runtime, fp32 embedder";
}
