namespace Orchestrator.Tests.Support;

/// <summary>
/// One router-cache folder for the whole test process, linked into the state folder of each
/// deployment a test builds on disk (the sample copies, <c>MiniDeployment</c>, <c>ShopDeployment</c>...).
/// The runtime's own cache (keyed by training set, options, embedder and format version) then fits
/// each distinct configuration once per test run instead of once per test: a router fit of the
/// sample took 60-70 s on a loaded 2-core machine, and a dozen tests start the unchanged sample.
/// The folder lives for one process only, so a changed fitter is never read from an older run.
/// Tests of the cache itself use their own folders and are unaffected.
/// </summary>
internal static class SharedRouterCache
{
    private static readonly Lazy<string> Folder = new(CreateFolder, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Links <c>router-cache</c> in <paramref name="stateDirectory"/> to the shared folder; where links cannot be made (Windows without the privilege), the deployment keeps its own cache.</summary>
    public static void LinkInto(string stateDirectory)
    {
        var link = Path.Combine(stateDirectory, "router-cache");
        if (Directory.Exists(link))
        {
            return;
        }

        Directory.CreateDirectory(stateDirectory);
        try
        {
            Directory.CreateSymbolicLink(link, Folder.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Unshared: slower, and just as correct.
        }
    }

    private static string CreateFolder()
    {
        // A new name every run: a process id comes round again, and a run that was killed left its folder
        // behind (ProcessExit never ran), whose fits a changed fitter must not read.
        var folder = Path.Combine(Path.GetTempPath(), $"orch-tests-router-cache-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        };
        return folder;
    }
}
