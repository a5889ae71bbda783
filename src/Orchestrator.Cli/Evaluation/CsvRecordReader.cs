using System.Text;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// An RFC 4180 reader: fields separated by commas, optionally quoted, with doubled quotes inside
/// quotes and line breaks allowed inside quoted fields. It tracks the line each record starts on
/// so errors can point at it.
/// </summary>
internal static class CsvRecordReader
{
    public static IEnumerable<(int Line, List<string> Fields)> Read(string path, string content)
    {
        var line = 1;
        var i = 0;
        while (i < content.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (i < content.Length && content[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= content.Length)
                        {
                            throw DatasetFormatException.At(path, $"line {startLine}", "a quoted field is never closed (missing '\"').");
                        }

                        var c = content[i++];
                        if (c == '"')
                        {
                            if (i < content.Length && content[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }

                    if (i < content.Length && content[i] is not (',' or '\r' or '\n'))
                    {
                        throw DatasetFormatException.At(path, $"line {line}", $"unexpected '{content[i]}' after a closing quote; quotes inside a field must be doubled.");
                    }
                }
                else
                {
                    while (i < content.Length && content[i] is not (',' or '\r' or '\n'))
                    {
                        if (content[i] == '"')
                        {
                            throw DatasetFormatException.At(path, $"line {line}", "a quote inside an unquoted field; quote the whole field and double the quote.");
                        }

                        field.Append(content[i++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i < content.Length && content[i] == ',')
                {
                    i++;
                    continue;
                }

                endOfRecord = true;
                if (i < content.Length && content[i] == '\r')
                {
                    i++;
                }

                if (i < content.Length && content[i] == '\n')
                {
                    i++;
                    line++;
                }
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // A blank line, including a trailing one.
            }

            yield return (startLine, fields);
        }
    }
}
