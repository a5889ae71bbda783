using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Orchestrator.Models.Onnx;

/// <summary>The real backend: an ONNX Runtime GenAI model, its tokenizer and its chat format.</summary>
internal sealed class GenAIBackend : IOnnxBackend
{
    private readonly string _folder;
    private readonly Model _model;
    private readonly Tokenizer _tokenizer;
    private readonly string _family;
    private readonly string? _chatTemplate;
    private readonly int _contextLength;
    private readonly int? _vocabSize;
    private readonly ILogger _logger;
    private int _guidanceFailures;

    private GenAIBackend(string folder, Model model, Tokenizer tokenizer, ModelFolderInfo info, string? promptFormat, ILogger logger)
    {
        _folder = folder;
        _model = model;
        _tokenizer = tokenizer;
        _family = promptFormat ?? ChatPromptFormatter.FamilyOf(info.ModelType);
        // An explicit format wins over the folder's template: it is how a broken template is worked around.
        _chatTemplate = promptFormat is null ? info.ChatTemplate : null;
        _vocabSize = info.VocabSize;
        _contextLength = info.ContextLength;
        _logger = logger;
    }

    public static GenAIBackend Load(string folder, string? promptFormat, ILogger logger)
    {
        var info = ModelFolderInfo.Read(folder);
        var watch = Stopwatch.StartNew();
        Model? model = null;
        try
        {
            model = new Model(folder);
            var tokenizer = new Tokenizer(model);
            OnnxLog.ModelLoaded(logger, folder, info.ModelType, watch.ElapsedMilliseconds);
            return new GenAIBackend(folder, model, tokenizer, info, promptFormat, logger);
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            model?.Dispose();
            // The native message is precise but says nothing about what to do; keep it as the inner exception.
            throw new OnnxModelException(folder,
                $"ONNX Runtime GenAI could not load it ({ex.Message}). Re-export the model with onnxruntime-genai's model builder, or check that genai_config.json matches the .onnx file.", ex);
        }
    }

    public string FormatPrompt(IReadOnlyList<ChatMessage> messages)
    {
        if (_chatTemplate is not null)
        {
            try
            {
                return _tokenizer.ApplyChatTemplate(_chatTemplate, ChatPromptFormatter.ToJson(messages), null!, true);
            }
            catch (OnnxRuntimeGenAIException ex)
            {
                // Templates use a Jinja subset; an unsupported one must not make the model unusable.
                OnnxLog.ChatTemplateFailed(_logger, ex, _folder, _family);
            }
        }

        return ChatPromptFormatter.Format(_family, messages);
    }

    public IOnnxGeneration Start(string prompt, GenerationSettings settings)
    {
        using var sequences = _tokenizer.Encode(prompt);
        var promptTokens = sequences[0].Length;
        CheckVocabulary(sequences[0]);
        if (promptTokens >= _contextLength)
        {
            throw new InvalidOperationException(
                $"the prompt is {promptTokens} tokens but the model at '{_folder}' has a context of {_contextLength}; shorten the prompt or the retrieved context");
        }

        var guided = settings.JsonSchema is not null && !GuidanceUnavailable;
        try
        {
            return Begin(sequences, settings, promptTokens, guided);
        }
        catch (OnnxRuntimeGenAIException ex) when (guided)
        {
            // llguidance may reject the schema or the tokenizer only when the generator is built.
            GuidanceFailed(ex);
            return Begin(sequences, settings, promptTokens, guided: false);
        }
    }

    private Generation Begin(Sequences sequences, GenerationSettings settings, int promptTokens, bool guided)
    {
        var generatorParams = new GeneratorParams(_model);
        try
        {
            generatorParams.SetSearchOption("max_length", Math.Min(_contextLength, promptTokens + settings.MaxOutputTokens));
            var sample = settings.Temperature is > 0f;
            generatorParams.SetSearchOption("do_sample", sample);
            if (sample)
            {
                generatorParams.SetSearchOption("temperature", settings.Temperature!.Value);
                if (settings.TopP is { } topP)
                {
                    generatorParams.SetSearchOption("top_p", topP);
                }

                if (settings.TopK is { } topK)
                {
                    generatorParams.SetSearchOption("top_k", topK);
                }

                if (settings.Seed is { } seed)
                {
                    generatorParams.SetSearchOption("random_seed", seed);
                }
            }

            if (guided)
            {
                generatorParams.SetGuidance("json_schema", settings.JsonSchema!);
            }

            var generator = new Generator(_model, generatorParams);
            generator.AppendTokenSequences(sequences);
            return new Generation(generator, generatorParams, _tokenizer.CreateStream(), _tokenizer.GetEosTokenIds().ToArray(), promptTokens);
        }
        catch
        {
            generatorParams.Dispose();
            throw;
        }
    }

    /// <summary>
    /// JSON-schema guidance (llguidance) is missing from some builds and cannot read every tokenizer.
    /// That is logged once and the model then runs unguided for good, since every later request
    /// would fail the same way; SlmRouteParser still parses the reply defensively.
    /// </summary>
    private void GuidanceFailed(OnnxRuntimeGenAIException ex)
    {
        if (Interlocked.Increment(ref _guidanceFailures) == 1)
        {
            OnnxLog.GuidanceUnavailable(_logger, _folder, ex.Message);
        }
    }

    /// <summary>Whether JSON-schema guidance failed on this model (tests and diagnostics).</summary>
    public bool GuidanceUnavailable => Volatile.Read(ref _guidanceFailures) > 0;

    /// <summary>
    /// A token id past the model's vocabulary makes the native Gather fail mid-run with an opaque
    /// message; it means the tokenizer does not belong to the model, so say that instead.
    /// </summary>
    private void CheckVocabulary(ReadOnlySpan<int> tokens)
    {
        if (_vocabSize is not { } size)
        {
            return;
        }

        foreach (var token in tokens)
        {
            if (token < 0 || token >= size)
            {
                throw new OnnxModelException(_folder,
                    $"the tokenizer produced token id {token}, outside the model's vocabulary of {size}; the tokenizer files do not match the model (or the prompt uses text this model cannot represent)");
            }
        }
    }

    public void Dispose()
    {
        _tokenizer.Dispose();
        _model.Dispose();
    }

    private sealed class Generation(Generator generator, GeneratorParams generatorParams, TokenizerStream stream, int[] eos, int promptTokens)
        : IOnnxGeneration
    {
        public int PromptTokens => promptTokens;

        public bool TryNextToken(out string text)
        {
            text = string.Empty;
            if (generator.IsDone())
            {
                return false;
            }

            generator.GenerateNextToken();
            var token = generator.GetNextTokens()[0];
            if (Array.IndexOf(eos, token) >= 0)
            {
                return false;
            }

            text = stream.Decode(token);
            return true;
        }

        public void Dispose()
        {
            stream.Dispose();
            generator.Dispose();
            generatorParams.Dispose();
        }
    }
}
