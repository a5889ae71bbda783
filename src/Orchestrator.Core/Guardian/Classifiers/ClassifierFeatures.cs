using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Turns texts into <see cref="FeatureVector"/>s exactly as at training time: normalise, encode what the
/// model's <see cref="EncoderPooling"/> names (the head window or the whole text) with the sentence encoder,
/// add structure cues and hashed n-grams. Nothing depends on what a request has memoised: the vector a check
/// reads is the one its model was trained on.
/// </summary>
internal sealed class ClassifierFeatures
{
    /// <summary>Characters given to the encoder per window: about its 256 word-piece limit, so latency stays bounded.</summary>
    public const int EncoderWindowChars = 256;

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly int _hashBits;
    private readonly int _maxChars;
    private readonly bool _separateEmbedding;
    private readonly EncoderPooling _pooling;
    private readonly bool _cueHead;
    private readonly bool _documentCues;

    /// <param name="embedder">The sentence encoder; null for a model trained without one (n-grams and cues only).</param>
    /// <param name="hashBits">Size of the hashed n-gram block, as a power of two.</param>
    /// <param name="maxChars">Inspected length cap.</param>
    /// <param name="separateEmbedding">
    /// Keep the encoder vector apart (<see cref="FeatureVector.Embedding"/>, for an <see cref="EmbeddingHead"/>)
    /// instead of in front of the cues in the dense block (older joint models).
    /// </param>
    /// <param name="pooling">Which windows the encoder reads and how their vectors are pooled (<see cref="EncoderPooling.Head"/> for every shipped model).</param>
    /// <param name="cueHead">Also compute the <see cref="CueHead"/>'s input (<see cref="FeatureVector.HeadCues"/>); off for models without one, so they pay nothing for it.</param>
    /// <param name="documentCues">
    /// Also run the passage cues on document-like texts (<see cref="FeatureVector.DocumentTask"/>): for models with the
    /// document-instruction rule, the only ones that read it.
    /// </param>
    public ClassifierFeatures(IEmbeddingGenerator<string, Embedding<float>>? embedder, int hashBits, int maxChars = GuardianTextNormalizer.DefaultMaxChars, bool separateEmbedding = false, EncoderPooling pooling = EncoderPooling.Head, bool cueHead = false, bool documentCues = false)
    {
        _documentCues = documentCues;
        if (documentCues)
        {
            Rails.PassageTaskCue.Prepare();
        }

        _cueHead = cueHead;
        _pooling = pooling;
        _embedder = embedder;
        _hashBits = hashBits;
        _maxChars = maxChars;
        _separateEmbedding = separateEmbedding;
    }

    public async Task<(FeatureVector Features, NormalizedText Inspected)> ExtractAsync(string text, CancellationToken cancellationToken)
    {
        var batch = await ExtractManyAsync([text], cancellationToken).ConfigureAwait(false);
        return batch[0];
    }

    public async Task<IReadOnlyList<(FeatureVector Features, NormalizedText Inspected)>> ExtractManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var normalized = texts.Select(t => GuardianTextNormalizer.Normalize(t, _maxChars)).ToArray();
        var windows = new List<string>();
        var owners = new List<int>();
        for (var i = 0; i < normalized.Length && _embedder is not null; i++)
        {
            foreach (var window in EncoderInputs(normalized[i].Text, _pooling))
            {
                windows.Add(window);
                owners.Add(i);
            }
        }

        // Through the pipeline's request-scoped embedder a text the request already embedded (routing's
        // question) is served from the memo: the same vector an encoder call would give, so the verdict is
        // the same before and after routing.
        var vectors = windows.Count == 0 || _embedder is null ? [] : (await _embedder.GenerateAsync(windows, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var dims = vectors.Count > 0 ? vectors[0].Length : 0;
        var pooled = new float[normalized.Length][];
        var maxima = new float[normalized.Length][];
        var counts = new int[normalized.Length];
        for (var w = 0; w < vectors.Count; w++)
        {
            var owner = owners[w];
            pooled[owner] ??= new float[dims];
            maxima[owner] ??= Enumerable.Repeat(float.NegativeInfinity, dims).ToArray();
            for (var d = 0; d < dims; d++)
            {
                pooled[owner][d] += vectors[w][d];
                maxima[owner][d] = Math.Max(maxima[owner][d], vectors[w][d]);
            }

            counts[owner]++;
        }

        var result = new (FeatureVector, NormalizedText)[normalized.Length];
        for (var i = 0; i < normalized.Length; i++)
        {
            var embedding = pooled[i] ?? new float[dims];
            if (counts[i] > 1)
            {
                for (var d = 0; d < dims; d++)
                {
                    embedding[d] /= counts[i];
                }
            }

            if (_pooling == EncoderPooling.MeanMax)
            {
                embedding = [.. embedding, .. maxima[i] ?? new float[dims]];
            }

            var lowered = normalized[i].Text.ToLowerInvariant();
            var cues = StructureCues.Compute(normalized[i], lowered);
            var (index, value) = HashedNgrams.Extract(lowered, _hashBits);
            float[]? headCues = _cueHead ? [.. CueHead.TechniqueStructureCues(cues), .. TechniqueCues.Compute(lowered)] : null;

            // Only a pasted document (an e-mail, a table, code) is searched for a task set for the assistant:
            // a user's own one-line request ("Write a poem about spring") is never document-like.
            // The user's framing request ("Summarise this e-mail:") sets a task by right: only the document's lines are searched.
            var documentTask = _documentCues && StructureCues.IsDocumentWithoutAddressedLine(cues) && Rails.PassageCues.DescribeLowered(DocumentFraming.BodyText(lowered)) is not null;
            var instructionOverride = _documentCues && InstructionOverrides.In(lowered);
            result[i] = _separateEmbedding
                ? (new FeatureVector(cues, index, value, embedding, headCues, documentTask, instructionOverride), normalized[i])
                : (new FeatureVector([.. embedding, .. cues], index, value, HeadCues: headCues, DocumentTask: documentTask, InstructionOverride: instructionOverride), normalized[i]);
        }

        return result;
    }

    /// <summary>
    /// The text given to the encoder for <paramref name="normalized"/>: for a question of up to
    /// <see cref="EncoderWindowChars"/> characters that normalisation leaves as it is, the question
    /// itself, which the pipeline's request-scoped memo already holds from routing, so the classifier
    /// adds no encoder call.
    /// </summary>
    internal static string EncoderInput(string normalized) => Windows(normalized).First();

    /// <summary>
    /// What the encoder reads of <paramref name="normalized"/> under <paramref name="pooling"/>: the head
    /// window, the whole text, or every window. The same at training time and wherever the check runs, so a
    /// text gets one verdict whether or not the request already holds some other vector of it.
    /// </summary>
    internal static IEnumerable<string> EncoderInputs(string normalized, EncoderPooling pooling) => pooling switch
    {
        EncoderPooling.Head => Windows(normalized),
        EncoderPooling.Whole => [Whole(normalized)],
        _ => AllWindows(normalized),
    };

    /// <summary>The whole trimmed text (the string routing embeds for a question normalisation leaves as it is).</summary>
    private static string Whole(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? " " : trimmed;
    }

    /// <summary>
    /// The head only: the encoder's cost grows with length, and on this machine a full 256-word-piece
    /// window costs more than the per-check budget. The n-grams and cues see the whole inspected text.
    /// </summary>
    private static IEnumerable<string> Windows(string text)
    {
        var trimmed = text.Trim();
        yield return trimmed.Length == 0 ? " " : trimmed.Length <= EncoderWindowChars ? trimmed : trimmed[..EncoderWindowChars];
    }

    /// <summary>Consecutive windows over the whole inspected text, for the pooled encodings of long documents.</summary>
    private static IEnumerable<string> AllWindows(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            yield return " ";
            yield break;
        }

        for (var start = 0; start < trimmed.Length; start += EncoderWindowChars)
        {
            yield return trimmed.Substring(start, Math.Min(EncoderWindowChars, trimmed.Length - start));
        }
    }
}
