using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Scaffold;

/// <summary>
/// Checks the folder name given to <c>orchestrator init</c> and writes the template into it. Every
/// problem is a <see cref="UsageException"/> (exit code 2) saying what was wrong and what to do.
/// </summary>
internal static class ScaffoldFolder
{
    /// <summary>The longest file or folder name most file systems accept, in UTF-8 bytes.</summary>
    private const int MaxSegmentBytes = 255;

    /// <summary>The longest path Linux accepts; Windows and macOS accept less, and say so when writing.</summary>
    private const int MaxPathChars = 4096;

    private const string Example = "e.g. 'orchestrator init my-assistant'";

    /// <summary>The absolute folder for <paramref name="given"/>, resolved from <paramref name="workingDirectory"/>.</summary>
    public static string Resolve(string? given, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new UsageException($"init: the folder name is empty; pass the folder to create the assistant in, {Example}");
        }

        foreach (var c in given)
        {
            if (char.IsControl(c))
            {
                var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                throw new UsageException($"init: the folder name contains a control character (U+{code}); use letters, digits, '-', '_' and '.', {Example}");
            }
        }

        var segments = given.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            throw new UsageException($"init: '{given}' climbs out of a folder with '..'; name the new folder from here ({Example}) or give an absolute path without '..'");
        }

        if (segments.FirstOrDefault(s => Encoding.UTF8.GetByteCount(s) > MaxSegmentBytes) is { } tooLong)
        {
            throw new UsageException($"init: the name '{Shorten(tooLong)}' is too long ({tooLong.Length} characters); a folder name may have at most {MaxSegmentBytes} bytes");
        }

        var full = Path.GetFullPath(given, workingDirectory);
        if (full.Length > MaxPathChars)
        {
            throw new UsageException($"init: the path is too long ({full.Length} characters, at most {MaxPathChars}); choose a shorter folder");
        }

        for (var dir = full; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                throw new UsageException(dir == full
                    ? $"init: '{given}' is a file, not a folder; pass a new or existing folder, {Example}"
                    : $"init: '{dir}' is a file, so '{given}' cannot be created inside it; choose another folder");
            }
        }

        return full;
    }

    /// <summary>
    /// Writes every template file under <paramref name="folder"/>. Nothing is written when any target
    /// already exists, unless <paramref name="force"/> is set. Returns the files written, relative.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, bool force)
    {
        var existing = ScaffoldTemplate.Files.Where(f => Exists(Target(folder, f))).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new UsageException(
                $"init: {folder} already has {string.Join(", ", existing)}; nothing was written. " +
                "Pass --force to overwrite these files, or choose another folder");
        }

        if (existing.FirstOrDefault(f => Directory.Exists(Target(folder, f))) is { } folderInTheWay)
        {
            throw new UsageException($"init: {Target(folder, folderInTheWay)} is a folder; move it away, then run init again");
        }

        var contents = ScaffoldTemplate.Files.ToDictionary(f => f, ScaffoldTemplate.Read);
        try
        {
            foreach (var (file, text) in contents)
            {
                var target = Target(folder, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"init: cannot write the assistant to {folder}: {ex.Message}; choose a folder you can write to", ex);
        }

        return ScaffoldTemplate.Files;
    }

    private static string Target(string folder, string file) => Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
