using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// A fact of the store conformance suite. It runs for every concrete test class, except that a class
/// marked <see cref="RequiresEnvironmentAttribute"/> is skipped, with its reason, while the variable is unset.
/// </summary>
[XunitTestCaseDiscoverer("Orchestrator.Tests.Retrieval.Storage.StoreFactDiscoverer", "Orchestrator.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}

/// <summary>Marks a conformance class that needs a live server named by an environment variable.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string skipReason) : Attribute
{
    public string Variable { get; } = variable;

    public string SkipReason { get; } = skipReason;
}

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        var variable = requirement?.GetConstructorArguments().ElementAt(0) as string;
        var skip = variable is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable))
            ? requirement!.GetConstructorArguments().ElementAt(1) as string
            : null;
        yield return new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}

/// <summary>An ordinary test case whose skip reason comes from the class, not the attribute.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    private string? _skip;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string? skip)
        : base(sink, display, options, testMethod) => _skip = skip;

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => _skip;

    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("StoreSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _skip = data.GetValue<string?>("StoreSkip");
        base.Deserialize(data);
    }
}
