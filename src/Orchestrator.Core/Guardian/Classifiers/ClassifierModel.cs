using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// A trained guardian classifier as stored on disk (<c>injection.model.json</c>, <c>harm.model.json</c>):
/// a logistic head over the encoder's vector, the structure cues and hashed n-grams, its decision
/// threshold (calibrated by leave-one-source-out cross-validation) and the training figures.
/// </summary>
public sealed record ClassifierModel
{
    public const int CurrentVersion = 1;

    public required string Task { get; init; }

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The sentence encoder whose vectors the head was trained on.</summary>
    public required string Encoder { get; init; }

    public required int EncoderDimensions { get; init; }

    public required int HashBits { get; init; }

    public required double Bias { get; init; }

    /// <summary>Encoder dimensions first, then <see cref="CueCount"/> structure cues.</summary>
    public required float[] DenseWeights { get; init; }

    public required float[] SparseWeights { get; init; }

    public required int CueCount { get; init; }

    /// <summary>Probability at or above which a text is flagged.</summary>
    public required double Threshold { get; init; }

    /// <summary>
    /// Optional structure rule: when set, a text that looks like a document (table, e-mail, code,
    /// many lines) and holds a line addressed to the model (the <see cref="StructureCues"/> document
    /// instruction cue) scores at least this, as <c>floor + (1 - floor) × p</c>, so the head's order is
    /// kept among such texts. Null (the default, and older files) leaves the head's probability alone.
    /// </summary>
    public double? DocumentInstructionFloor { get; init; }

    /// <summary>
    /// Optional head over the encoder's vector, blended with the n-gram and cue head
    /// (<see cref="Classifiers.EmbeddingHead"/>). Null (older files) scores with the main head alone.
    /// </summary>
    public EmbeddingHead? EmbeddingHead { get; init; }

    /// <summary>
    /// Optional head over the structure and technique cues alone, blended with the n-gram head
    /// (<see cref="Classifiers.CueHead"/>). Null (older files) scores without it.
    /// </summary>
    public CueHead? CueHead { get; init; }

    /// <summary>The encoder the model needs at run time, or null for n-grams and cues alone.</summary>
    [JsonIgnore]
    public string? RequiredEncoder => EmbeddingHead?.Encoder ?? (EncoderDimensions > 0 ? Encoder : null);

    /// <summary>What the model was trained on and how it scored in cross-validation (for people; not used to score).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Training { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and checks a model; any problem is a <see cref="ClassifierModelException"/> naming <paramref name="origin"/>.</summary>
    public static ClassifierModel Parse(string json, string origin)
    {
        ClassifierModel? model;
        try
        {
            model = JsonSerializer.Deserialize<ClassifierModel>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ClassifierModelException(origin, $"not a classifier model file ({ex.Message})");
        }

        if (model is null)
        {
            throw new ClassifierModelException(origin, "the file is empty (null)");
        }

        model.Validate(origin);
        return model;
    }

    public static ClassifierModel Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClassifierModelException(path, $"cannot be read ({ex.Message})");
        }

        return Parse(json, path);
    }

    private void Validate(string origin)
    {
        string? problem = Version != CurrentVersion ? $"version {Version} is not supported (expected {CurrentVersion}); retrain it with 'orchestrator guardian train'"
            : string.IsNullOrWhiteSpace(Task) ? "task is missing"
            : HashBits is < 8 or > 24 ? $"hash_bits {HashBits} is out of range 8..24"
            : SparseWeights is null || SparseWeights.Length != 1 << HashBits ? $"sparse_weights has {SparseWeights?.Length ?? 0} values; expected 2^{HashBits}"
            : DenseWeights is null || DenseWeights.Length != EncoderDimensions + CueCount ? $"dense_weights has {DenseWeights?.Length ?? 0} values; expected {EncoderDimensions + CueCount}"
            : CueCount != StructureCues.Count ? $"cue_count {CueCount} does not match this version's {StructureCues.Count} cues; retrain the model"
            : Threshold is <= 0 or >= 1 || double.IsNaN(Threshold) ? $"threshold {Threshold} is not a probability"
            : DocumentInstructionFloor is { } floor && (floor is <= 0 or >= 1 || double.IsNaN(floor)) ? $"document_instruction_floor {floor} is not a probability"
            : !double.IsFinite(Bias) || DenseWeights.Any(w => !float.IsFinite(w)) || SparseWeights.Any(w => !float.IsFinite(w)) ? "weights contain NaN or infinity"
            : EmbeddingHead is not null && EncoderDimensions > 0 ? "a model with an embedding_head keeps the encoder out of the main head (encoder_dimensions must be 0)"
            : EmbeddingHead is not null && CueHead is not null ? "a model has an embedding_head or a cue_head, not both"
            : EmbeddingHead?.Problem() ?? CueHead?.Problem();
        if (problem is not null)
        {
            throw new ClassifierModelException(origin, problem);
        }
    }
}
