using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Configuration;

/// <summary>
/// Wraps the YamlDotNet parser to refuse hostile input before the representation model sees it.
/// Aliases are refused because alias bombs ("billion laughs") explode when the tree is walked, and
/// config never needs them. Depth is capped because YamlStream builds nodes recursively (a deep
/// document would overflow the stack) and the scanner slows quadratically with flow nesting.
/// The scanner is lazy, so throwing here stops reading at the offending spot.
/// </summary>
internal sealed class GuardedYamlParser(IParser inner) : IParser
{
    public const int MaxDepth = 32;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event started; the best location when the parser fails without one.</summary>
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        LastPosition = current.Start;
        switch (current)
        {
            case AnchorAlias alias:
                throw new RejectedYamlException(
                    current.Start,
                    $"alias '*{alias.Value}' is not allowed; configuration files must not use anchors and aliases, write the value out in full");
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new RejectedYamlException(
                    current.Start,
                    $"nesting is deeper than {MaxDepth} levels; expected a configuration a few levels deep");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }
}

/// <summary>Input the guard refused; carries the position so the error still has a line.</summary>
internal sealed class RejectedYamlException(Mark position, string message) : Exception(message)
{
    public Mark Position { get; } = position;
}
