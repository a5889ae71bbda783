using Orchestrator.Pipeline;

namespace Orchestrator.Cli;

/// <summary>
/// The earlier turns <c>chat</c> sends with each request, oldest first. Only the last
/// <see cref="MaxTurns"/> are kept: enough for follow-ups ("and for contractors?") while the
/// prompt, and the cost of each request, stays bounded however long the session runs.
/// </summary>
internal sealed class ChatHistory
{
    public const int MaxTurns = 6;

    private readonly Queue<ConversationTurn> _turns = new();

    public IReadOnlyList<ConversationTurn> Turns => [.. _turns];

    /// <summary>Who asks: every request of the session carries it (<c>chat --user</c>).</summary>
    public CallerIdentity Caller { get; init; } = CallerIdentity.Anonymous;

    public OrchestratorRequest Request(string text) => new(text) { History = Turns, Caller = Caller };

    /// <summary>Records a finished exchange; an empty answer is not worth a place in the window.</summary>
    public void Add(string question, string answer)
    {
        Push(new ConversationTurn(ConversationTurn.User, question));
        if (!string.IsNullOrWhiteSpace(answer))
        {
            Push(new ConversationTurn(ConversationTurn.Assistant, answer));
        }
    }

    private void Push(ConversationTurn turn)
    {
        _turns.Enqueue(turn);
        while (_turns.Count > MaxTurns)
        {
            _turns.Dequeue();
        }
    }
}
