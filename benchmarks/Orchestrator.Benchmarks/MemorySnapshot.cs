using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Where the process's memory is at one moment: resident set size, and of it the garbage-collected
/// heap (committed, in use after the last collection, the large-object heap's part, fragmentation).
/// RSS minus the committed heap is native memory: ONNX Runtime's sessions, code, mapped files. The
/// split tells whether a growing RSS is managed garbage the collector has not yet visited, or native.
/// </summary>
internal readonly record struct MemorySnapshot(double RssMb, double GcCommittedMb, double GcHeapMb, double LargeObjectHeapMb, double FragmentedMb, int Gen2Collections, double RssAnonMb, double RssFileMb)
{
    public static MemorySnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);
        var generations = info.GenerationInfo;
        // Generation index 3 is the large-object heap (0-2 are the small-object generations, 4 the pinned heap).
        var loh = generations.Length > 3 ? generations[3].SizeAfterBytes : 0;
        return new(Mb(process.WorkingSet64), Mb(info.TotalCommittedBytes), Mb(GC.GetTotalMemory(forceFullCollection: false)), Mb(loh), Mb(info.FragmentedBytes), GC.CollectionCount(2), StatusMb("RssAnon:"), StatusMb("RssFile:"));
    }

    /// <summary>A "kB" line of /proc/self/status (Linux), in MB; 0 elsewhere. RssAnon is heap memory (managed and native), RssFile mapped code and files.</summary>
    private static double StatusMb(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var kb = line?[field.Length..].Trim().Split(' ')[0];
        return long.TryParse(kb, System.Globalization.CultureInfo.InvariantCulture, out var value) ? Math.Round(value / 1024.0, 1) : 0;
    }

    public object ToReport() => new
    {
        rss_mb = RssMb,
        rss_anonymous_mb = RssAnonMb,
        rss_file_mb = RssFileMb,
        gc_committed_mb = GcCommittedMb,
        gc_heap_mb = GcHeapMb,
        loh_after_last_gc_mb = LargeObjectHeapMb,
        fragmented_mb = FragmentedMb,
        native_and_code_mb = Math.Round(RssMb - GcCommittedMb, 1),
        gen2_collections = Gen2Collections,
    };
}
