using System.Security;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// The files under one folder, recursively, sorted by path. Linked folders are followed (a share
/// linked into the knowledge folder is ingested), but never into a loop: a link whose target is
/// inside the walked folder (its files are walked under their own names), is an ancestor of the link
/// (a loop) or was reached through another link already is not followed, and is reported.
/// <see cref="Directory.EnumerateFiles(string, string, SearchOption)"/> followed a link to a parent
/// about 40 levels deep, ingesting every file again under each longer name, and two such links made
/// that exponential: an ingest that never ended. A folder that cannot be listed is reported in
/// <see cref="Unreadable"/>: its files are unknown, not gone, so nothing under it may be pruned.
/// </summary>
internal sealed class FolderWalk
{
    /// <summary>Symbolic links followed per path before it counts as a loop, as Linux's own limit.</summary>
    private const int MaxLinkHops = 40;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private FolderWalk(string folder)
    {
        Folder = folder;
    }

    /// <summary>The walked folder, a full path.</summary>
    public string Folder { get; }

    /// <summary>Every file found, full paths (through links as walked), in ordinal order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Folders that could not be listed, with the reason: their contents are unknown.</summary>
    public List<(string Path, string Reason)> Unreadable { get; } = [];

    /// <summary>Linked folders not followed, with the reason.</summary>
    public List<(string Path, string Reason)> LinksNotFollowed { get; } = [];

    /// <param name="path">The folder.</param>
    /// <param name="list">Lists one folder's entries; tests substitute a failing one (as root, no folder is unreadable).</param>
    /// <param name="cancellationToken">Checked between folders.</param>
    public static FolderWalk Of(string path, Func<DirectoryInfo, IEnumerable<FileSystemInfo>>? list, CancellationToken cancellationToken)
    {
        list ??= ListOneLevel;
        var walk = new FolderWalk(Path.GetFullPath(path));
        string rootReal;
        try
        {
            rootReal = RealPath(walk.Folder);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            walk.Unreadable.Add((walk.Folder, ex.Message));
            return walk;
        }

        var linkedTargets = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, string Real)>();
        pending.Push((walk.Folder, rootReal));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. list(new DirectoryInfo(folder.Path))];
            }
            catch (Exception ex) when (IsFileSystemError(ex))
            {
                walk.Unreadable.Add((folder.Path, ex.Message));
                continue;
            }

            walk.Files.AddRange(entries.Where(e => e is not DirectoryInfo).Select(e => e.FullName));

            // Checked in name order and walked depth first in that order, so which of two links to one
            // folder is followed never varies between runs (it names the sources).
            var subfolders = new List<(string Path, string Real)>();
            foreach (var directory in entries.OfType<DirectoryInfo>().OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                if (walk.ChildFolder(directory, folder.Real, rootReal, linkedTargets) is { } real)
                {
                    subfolders.Add((directory.FullName, real));
                }
            }

            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }

        walk.Files.Sort(StringComparer.Ordinal);
        return walk;
    }

    private static IEnumerable<FileSystemInfo> ListOneLevel(DirectoryInfo folder) => folder.EnumerateFileSystemInfos("*", OneLevel);

    /// <summary>The real path to walk a subfolder under, or null when it is a link not to follow (recorded).</summary>
    private string? ChildFolder(DirectoryInfo directory, string parentReal, string rootReal, HashSet<string> linkedTargets)
    {
        if (directory.LinkTarget is null)
        {
            return Path.Combine(parentReal, directory.Name);
        }

        string real;
        try
        {
            real = RealPath(directory.FullName);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            LinksNotFollowed.Add((directory.FullName, $"a link that cannot be resolved ({ex.Message}); not followed"));
            return null;
        }

        var reason = IsUnderOrSame(real, rootReal) ? "a link into the folder itself, whose files are ingested under their own names"
            : IsUnderOrSame(parentReal, real) ? "a link to a folder that contains it (a loop)"
            : !linkedTargets.Add(real) ? "a second link to a folder already ingested through another link"
            : null;
        if (reason is not null)
        {
            LinksNotFollowed.Add((directory.FullName, reason + "; not followed"));
            return null;
        }

        return real;
    }

    /// <summary>
    /// The path with every symbolic link in it resolved, component by component (the managed form
    /// of realpath(3)); throws <see cref="IOException"/> after <see cref="MaxLinkHops"/> links.
    /// </summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var hops = 0;
        while (true)
        {
            var root = Path.GetPathRoot(full) ?? "";
            var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? restart = null;
            for (var i = 0; i < parts.Length && restart is null; i++)
            {
                var next = Path.Combine(current, parts[i]);
                if (new FileInfo(next).LinkTarget is not { } target)
                {
                    current = next;
                    continue;
                }

                if (++hops > MaxLinkHops)
                {
                    throw new IOException($"more than {MaxLinkHops} symbolic links in '{path}' (a loop)");
                }

                // A relative target is relative to the link's folder, which is real already.
                restart = Path.GetFullPath(Path.Combine([Path.Combine(current, target), .. parts[(i + 1)..]]));
            }

            if (restart is null)
            {
                return current;
            }

            full = restart;
        }
    }

    internal static bool IsUnderOrSame(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    private static bool IsFileSystemError(Exception ex) => ex is IOException or UnauthorizedAccessException or SecurityException;
}
