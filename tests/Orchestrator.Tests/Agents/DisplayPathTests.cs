using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

public sealed class DisplayPathTests
{
    [Fact]
    public void Paths_below_the_working_directory_are_shown_relative()
    {
        var inside = Path.Combine(Environment.CurrentDirectory, "agents", "hr.yaml");

        Assert.Equal(Path.Combine("agents", "hr.yaml"), ConfigDiagnostics.DisplayPath(inside));
    }

    [Fact]
    public void Paths_outside_it_stay_absolute()
    {
        var outside = Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "..", "elsewhere.yaml"));

        Assert.Equal(outside, ConfigDiagnostics.DisplayPath(outside));
    }
}
