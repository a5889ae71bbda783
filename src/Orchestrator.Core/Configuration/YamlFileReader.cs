using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>Reads one configuration file into a YAML mapping, turning every failure into a located error.</summary>
internal static class YamlFileReader
{
    /// <summary>Far above any real config; stops a wrong path (a log, a model) from being parsed at all.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    public static YamlMappingNode? ReadMapping(string fullPath, string file, ConfigDiagnostics diagnostics)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            diagnostics.Error(file, "file not found; expected a YAML configuration file at this path");
            return null;
        }

        if (info.Length > MaxFileBytes)
        {
            diagnostics.Error(file, new Mark(0, 1, 1), $"file is {info.Length:N0} bytes; configuration files must be at most {MaxFileBytes:N0} bytes (1 MB)");
            return null;
        }

        var text = ReadBounded(fullPath);
        if (text is null)
        {
            diagnostics.Error(file, new Mark(0, 1, 1), $"file is larger than {MaxFileBytes:N0} bytes; configuration files must be at most {MaxFileBytes:N0} bytes (1 MB)");
            return null;
        }

        var root = Parse(text, file, diagnostics);
        if (root is null or YamlMappingNode)
        {
            return root as YamlMappingNode;
        }

        diagnostics.Error(file, root.Start, $"expected a mapping of fields (field: value), found {YamlShape.Describe(root)}");
        return null;
    }

    /// <summary>
    /// Reads at most the size limit even when the length lied (a link to a device or a growing file).
    /// Files are small and read once at startup, so a synchronous read keeps every caller simple.
    /// </summary>
    private static string? ReadBounded(string fullPath)
    {
        using var reader = new StreamReader(fullPath, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaxFileBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = reader.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total > MaxFileBytes ? null : new string(buffer, 0, total);
    }

    private static YamlNode? Parse(string text, string file, ConfigDiagnostics diagnostics)
    {
        var guard = new GuardedYamlParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(guard);
        }
        catch (RejectedYamlException e)
        {
            diagnostics.Error(file, e.Position, e.Message);
            return null;
        }
        catch (YamlException e) when (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(text) is { } tabLine)
        {
            // YamlDotNet marks where the enclosing mapping starts, often line 1; the tab itself is what to fix.
            diagnostics.Error(file, new Mark(0, tabLine, 1), "malformed YAML: a tab in the indentation; expected spaces only (YAML does not allow tabs for indentation)");
            return null;
        }
        catch (YamlException e)
        {
            var at = e.Start.Line > 0 ? e.Start : guard.LastPosition;
            diagnostics.Error(file, at, DescribeSyntaxError(e.Message));
            return null;
        }
        catch (Exception)
        {
            // YamlDotNet throws InvalidOperationException, with no position, for input that ends
            // inside an open '[' or '{'; the last event read is the nearest honest location.
            diagnostics.Error(file, guard.LastPosition, "malformed YAML: the file ends inside an unclosed '[', '{' or quote; expected it to be closed");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(file, new Mark(0, 1, 1), "file is empty; expected a mapping of fields (field: value)");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            diagnostics.Error(file, stream.Documents[1].RootNode.Start, "file holds more than one YAML document ('---'); expected exactly one");
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>The 1-based number of the first line whose leading whitespace holds a tab, or null.</summary>
    private static int? FirstTabIndentedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].AsSpan(0, lines[i].Length - lines[i].AsSpan().TrimStart(" \t").Length);
            if (indent.Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string DescribeSyntaxError(string message) =>
        message.StartsWith("Duplicate key ", StringComparison.Ordinal)
            ? $"duplicate field '{message["Duplicate key ".Length..]}'; each field may appear only once"
            : $"malformed YAML: {message.TrimEnd('.')}; expected valid YAML (check indentation, quotes and ': ' after keys)";
}
