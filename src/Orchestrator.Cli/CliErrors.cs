using Orchestrator.Cli.Evaluation;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Cli;

/// <summary>Maps the library's expected failures to a one-line message and an exit code; nothing else is caught.</summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception exception, out string message, out int exitCode)
    {
        switch (exception)
        {
            // SharedStateException: state.provider redis with its connection variable unset or empty, which only
            // the start of a command that opens the state store finds; the message names the variable to set.
            case DatasetFormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or Orchestrator.State.SharedStateException:
                message = exception.Message;
                exitCode = ExitCodes.BadInput;
                return true;
            case StoreException or NotSupportedException or Orchestrator.Models.ModelUnavailableException:
                message = exception.Message;
                exitCode = ExitCodes.RuntimeFailure;
                return true;
            case IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }:
                // Kestrel's bind failure is an IOException too, but no file is involved: a port is.
                message = $"{exception.Message} (another process listens on that port: stop it, or choose another address with --urls)";
                exitCode = ExitCodes.RuntimeFailure;
                return true;
            case UnauthorizedAccessException or IOException:
                message = $"{exception.Message} (check the file's permissions and that no other program holds it)";
                exitCode = ExitCodes.RuntimeFailure;
                return true;
            default:
                message = "";
                exitCode = 0;
                return false;
        }
    }
}
