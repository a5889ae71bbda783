using System.Runtime.CompilerServices;
using Orchestrator.Hosting;
using PublicApiGenerator;

namespace Orchestrator.Tests.Architecture;

/// <summary>
/// The core's public API is tracked in <c>PublicApi/Orchestrator.Core.approved.txt</c>. A change to
/// it fails this test until the baseline is updated on purpose: run the tests with
/// <c>ORCHESTRATOR_ACCEPT_API=1</c>, review the diff of the baseline and commit it.
/// </summary>
public sealed class PublicApiTests
{
    // Extension classes follow the Microsoft.Extensions convention and live in Microsoft.* namespaces,
    // which the generator leaves out unless they are allowed.
    private static readonly ApiGeneratorOptions Options = new()
    {
        ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.AI", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Http"],
    };

    [Fact]
    public void Core_public_api_matches_the_approved_baseline() =>
        Verify(typeof(OrchestratorRuntime).Assembly, "Orchestrator.Core");

    [Fact]
    public void AspNetCore_public_api_matches_the_approved_baseline() =>
        Verify(typeof(Microsoft.AspNetCore.Builder.OrchestratorEndpointRouteBuilderExtensions).Assembly, "Orchestrator.AspNetCore");

    [Fact]
    public void Contract_names_users_compile_against_are_public()
    {
        var api = typeof(OrchestratorRuntime).Assembly.GeneratePublicApi(Options);
        Assert.Contains("public interface IOrchestrator", api, StringComparison.Ordinal);
        Assert.Contains("public static Orchestrator.Hosting.OrchestratorBuilder AddOrchestrator(this Microsoft.Extensions.DependencyInjection.IServiceCollection services", api, StringComparison.Ordinal);
        Assert.Contains("public Orchestrator.Hosting.OrchestratorBuilder AddTools<T>()", api, StringComparison.Ordinal);
        Assert.Contains("public Orchestrator.Hosting.OrchestratorBuilder AddTools(object plugin)", api, StringComparison.Ordinal);
        Assert.Contains("public Orchestrator.Hosting.OrchestratorBuilder AddGuardianCheck<T>()", api, StringComparison.Ordinal);
        // Sample tools and dataset evaluators live in the CLI, not in the library.
        Assert.DoesNotContain("namespace Orchestrator.Evaluation", api, StringComparison.Ordinal);
        Assert.DoesNotContain("LeaveBalanceTools", api, StringComparison.Ordinal);
    }

    internal static void Verify(System.Reflection.Assembly assembly, string name, [CallerFilePath] string here = "")
    {
        var api = assembly.GeneratePublicApi(Options).ReplaceLineEndings("\n");
        var approved = Path.Combine(Path.GetDirectoryName(here)!, "PublicApi", name + ".approved.txt");
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_ACCEPT_API") == "1")
        {
            File.WriteAllText(approved, api);
            return;
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected != api)
        {
            var received = Path.ChangeExtension(approved, ".received.txt");
            File.WriteAllText(received, api);
            Assert.Fail($"the public API of {name} changed; compare {received} with {approved}, and if the change is intended run the tests with ORCHESTRATOR_ACCEPT_API=1 and commit the new baseline");
        }
    }
}
