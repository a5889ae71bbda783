using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The sample with its optional calculator agent copied into agents/, as the sample README tells a
/// user to do: the agent validates, is routed to, and answers with the calculate and
/// convert_currency tools without a model.
/// </summary>
public sealed class OptionalCalculatorAgentTests(OptionalCalculatorAgentTests.Sample sample) : IClassFixture<OptionalCalculatorAgentTests.Sample>
{
    [Theory]
    [InlineData("calculate 15% of 240", "calculate", "= 36")]
    [InlineData("what is 1250 divided by 8", "calculate", "= 156.25")]
    [InlineData("Convert 100 USD to EUR", "convert_currency", "96.15 EUR")]
    public async Task Arithmetic_and_currency_questions_are_routed_to_it_and_answered(string question, string tool, string expected)
    {
        var response = await sample.Runtime.Pipeline.AskAsync(new OrchestratorRequest(question));

        Assert.Equal("calculator", response.Route.Agent);
        var call = Assert.Single(response.ToolCalls);
        Assert.Equal(tool, call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Contains(expected, response.Answer, StringComparison.Ordinal);
    }

    /// <summary>One runtime for all cases: starting one fits the router and opens the store.</summary>
    public sealed class Sample : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new();

        public OrchestratorRuntime Runtime { get; private set; } = null!;

        public async Task InitializeAsync()
    {
            var config = RepoPaths.CopySample(_dir.Path);
            File.Copy(
                Path.Combine(_dir.Path, "samples", "enterprise-assistant", "agents-optional", "calculator.yaml"),
                Path.Combine(_dir.Path, "agents", "calculator.yaml"));
            var loaded = ConfigLoader.Load(config, BuiltInTools.ValidationContext());
            Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
            Runtime = await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
        }

        public async Task DisposeAsync()
        {
            if (Runtime is not null)
            {
                await Runtime.DisposeAsync();
            }

            _dir.Dispose();
        }
    }
}
