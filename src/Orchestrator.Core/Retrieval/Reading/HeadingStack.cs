namespace Orchestrator.Retrieval.Reading;

/// <summary>Tracks the current heading path: a level-n heading replaces everything at level n and below.</summary>
internal sealed class HeadingStack
{
    private readonly List<(int Level, string Title)> _headings = [];

    public IReadOnlyList<string> Path { get; private set; } = [];

    public void Push(int level, string title)
    {
        _headings.RemoveAll(h => h.Level >= level);
        if (title.Length > 0)
        {
            _headings.Add((level, title));
        }

        Path = _headings.Select(h => h.Title).ToArray();
    }
}
