using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the real command line in-process with captured streams.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(string workingDirectory, string? stdin, params string[] args) =>
        RunAsync(workingDirectory, stdin, CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(string workingDirectory, string? stdin, CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var code = await CliApp.RunAsync(args, new CliContext(stdout, stderr, input, workingDirectory), cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
