using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>A backend that "decodes" a fixed list of pieces, to test the client's own logic.</summary>
internal sealed class ScriptedBackend(params string[] pieces) : IOnnxBackend
{
    /// <summary>Never reaches EOS; each token takes a moment, like a real decode.</summary>
    public bool Endless { get; init; }

    public int Loads;
    public int Started;
    public bool Disposed;
    public GenerationSettings? LastSettings;
    public string? LastPrompt;

    public string FormatPrompt(IReadOnlyList<ChatMessage> messages) => ChatPromptFormatter.Format("plain", messages);

    public IOnnxGeneration Start(string prompt, GenerationSettings settings)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Interlocked.Increment(ref Started);
        LastSettings = settings;
        LastPrompt = prompt;
        return new Generation(Endless ? null : pieces, prompt.Split(' ').Length);
    }

    public void Dispose() => Disposed = true;

    public OnnxGenAIChatClient Client(OnnxProviderOptions? options = null) =>
        new("/models/scripted", () =>
        {
            Interlocked.Increment(ref Loads);
            return this;
        }, options ?? new OnnxProviderOptions(), NullLogger.Instance);

    private sealed class Generation(string[]? pieces, int promptTokens) : IOnnxGeneration
    {
        private int _next;

        public int PromptTokens => promptTokens;

        public bool TryNextToken(out string text)
        {
            if (pieces is null)
            {
                Thread.Sleep(1);
                text = " x";
                return true;
            }

            text = _next < pieces.Length ? pieces[_next] : string.Empty;
            return _next++ < pieces.Length;
        }

        public void Dispose()
        {
        }
    }
}
