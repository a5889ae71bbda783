using Orchestrator.Tests.Retrieval.Storage;
using Orchestrator.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.Tests.Caching;

/// <summary>
/// A fact of the answer cache store conformance suite: it runs for every concrete class, except that
/// a class marked <see cref="NeedsRedisServerAttribute"/> is skipped, saying why, without redis-server.
/// </summary>
[XunitTestCaseDiscoverer("Orchestrator.Tests.Caching.CacheStoreFactDiscoverer", "Orchestrator.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CacheStoreFactAttribute : FactAttribute
{
}

/// <summary>Marks a conformance class that starts a real redis-server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsRedisServerAttribute : Attribute
{
}

public sealed class CacheStoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsRedis = testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsRedisServerAttribute)).Any();
        var skip = needsRedis && RedisServer.Executable is null ? new RedisFactAttribute().Skip : null;
        yield return new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}
