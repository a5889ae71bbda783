namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// Requests no tool serves: small talk, general knowledge, opinions and advice. A request that is
/// as close to these as to the best tool is more likely a question for a chat model than a call.
/// Written for this purpose (not taken from any benchmark); they span topics rather than aim at any.
/// </summary>
internal static class GenericRequests
{
    public static readonly IReadOnlyList<string> All =
    [
        "Hello, how are you today?",
        "Thanks, that was helpful.",
        "Tell me a joke.",
        "What is the meaning of life?",
        "Who are you and what can you do?",
        "Can you explain how photosynthesis works?",
        "Who wrote the play Hamlet?",
        "Why is the sky blue?",
        "What is the capital city of Australia?",
        "When did the Second World War end?",
        "What do you think about modern art?",
        "Give me some tips to sleep better.",
        "How do I become a better public speaker?",
        "Write a short poem about the sea.",
        "What is the difference between a virus and a bacterium?",
        "Summarise the history of the Roman Empire.",
        "Which is healthier, tea or coffee?",
        "How many legs does a spider have?",
        "What is the tallest mountain in the world?",
        "Recommend a good book to read on holiday.",
        "What does the word serendipity mean?",
        "How does a rainbow form?",
        "Is it better to rent or to buy a house?",
        "Who painted the Mona Lisa?",
        "What are the rules of chess?",
        "Explain the theory of relativity in simple terms.",
        "What should I cook for dinner tonight?",
        "How far away is the Moon?",
        "What languages are spoken in Switzerland?",
        "Why do cats purr?",
    ];
}
