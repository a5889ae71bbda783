using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.Hosting;

/// <summary>
/// A file that says a collection's first ingest began and has not finished
/// (<c>.orchestrator/first-ingest/&lt;collection&gt;.pending</c>, next to the store). Start-up ingests only
/// empty collections, so a first ingest cut short by a stop, a crash or a SIGKILL would otherwise leave
/// the collection with some of its files for good; with the marker left behind, the next start finishes
/// it (files already stored are unchanged and skipped). Best effort: a folder that cannot be written
/// only loses the resumption, never the start.
/// </summary>
internal sealed class FirstIngestMarker
{
    private readonly string _file;
    private readonly ILogger _logger;

    public FirstIngestMarker(OrchestratorConfig config, string collection, ILogger logger)
    {
        _file = Path.Combine(OrchestratorRuntime.StateDirectory(config), "first-ingest", collection + ".pending");
        _logger = logger;
    }

    public bool Exists => File.Exists(_file);

    public void Set() => Try(() =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        File.WriteAllText(_file, "the first ingest of this collection has not finished; the next start finishes it\n");
    });

    public void Clear() => Try(() => File.Delete(_file));

    private void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            HostingLog.FirstIngestMarkerFailed(_logger, _file, ex.Message);
        }
    }
}
