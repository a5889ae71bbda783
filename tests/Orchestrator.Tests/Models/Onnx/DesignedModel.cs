using System.Text.Json;
using static Orchestrator.Tests.Models.Onnx.OnnxProtoWriter;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>
/// Writes a GenAI model folder whose greedy output is known: a "bigram" decoder (logits = row
/// W[current token]) over a GPT-2-style byte-level BPE vocabulary. Whatever the prompt ends with,
/// it says "the answer is forty two" and then EOS. The KV cache is carried but unused: present_0
/// is past_0 with zeros appended, which is all GenAI's decoder contract needs.
/// </summary>
internal static class DesignedModel
{
    public const string Answer = "the answer is forty two";
    private static readonly string[] Words = ["the", "Ġanswer", "Ġis", "Ġforty", "Ġtwo"];
    private const string Eos = "<|endoftext|>";

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var (vocab, merges) = Vocabulary();
        var eos = vocab.Count;
        var size = eos + 1;
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Onnx(size, NextTokens(vocab, eos)));
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), TokenizerJson(vocab, merges, eos));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["add_prefix_space"] = false, ["bos_token"] = Eos, ["eos_token"] = Eos, ["unk_token"] = Eos,
            ["model_max_length"] = 4096, ["tokenizer_class"] = "GPT2Tokenizer",
        }));
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), $$"""
            { "model": { "type": "gpt2", "pad_token_id": {{eos}}, "bos_token_id": {{eos}}, "eos_token_id": {{eos}},
              "vocab_size": {{size}}, "context_length": 4096,
              "decoder": { "session_options": { "provider_options": [] }, "filename": "model.onnx",
                "num_key_value_heads": 1, "head_size": 2, "num_hidden_layers": 1,
                "inputs": { "past_names": "past_%d" }, "outputs": { "present_names": "present_%d" } } } }
            """);
    }

    /// <summary>The 256 GPT-2 byte symbols, then one token per word prefix, built by left-to-right merges.</summary>
    private static (Dictionary<string, int> Vocab, List<string> Merges) Vocabulary()
    {
        var vocab = new Dictionary<string, int>();
        foreach (var symbol in ByteSymbols())
        {
            vocab[symbol] = vocab.Count;
        }

        var merges = new List<string>();
        foreach (var word in Words)
        {
            var current = word[..1];
            foreach (var next in word[1..])
            {
                var merged = current + next;
                if (vocab.TryAdd(merged, vocab.Count))
                {
                    merges.Add($"{current} {next}");
                }

                current = merged;
            }
        }

        return (vocab, merges);
    }

    /// <summary>GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to 256+n.</summary>
    private static IEnumerable<string> ByteSymbols()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToList();
        var symbols = printable.Select(b => ((char)b).ToString()).ToList();
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!printable.Contains(b))
            {
                symbols.Add(((char)(256 + n++)).ToString());
            }
        }

        return symbols;
    }

    private static int[] NextTokens(Dictionary<string, int> vocab, int eos)
    {
        var next = Enumerable.Repeat(vocab[Words[0]], eos + 1).ToArray();
        for (var i = 0; i < Words.Length; i++)
        {
            next[vocab[Words[i]]] = i + 1 < Words.Length ? vocab[Words[i + 1]] : eos;
        }

        return next;
    }

    private static byte[] Onnx(int size, int[] next)
    {
        var weights = new float[size * size];
        for (var row = 0; row < size; row++)
        {
            weights[(row * size) + next[row]] = 20f;
        }

        var nodes = new[]
        {
            Node("Gather", ["W", "input_ids"], ["logits"], IntAttribute("axis", 0)),
            Node("Shape", ["input_ids"], ["ids_shape"]),
            Node("Concat", ["two", "ids_shape", "two"], ["zeros_shape"], IntAttribute("axis", 0)),
            Node("ConstantOfShape", ["zeros_shape"], ["zeros4"]),
            Node("Unsqueeze", ["zeros4", "head_axis"], ["zeros5"]),
            Node("Concat", ["past_0", "zeros5"], ["present_0"], IntAttribute("axis", 3)),
        };
        var initializers = new[] { FloatTensor("W", [size, size], weights), Int64Tensor("two", 2), Int64Tensor("head_axis", 2) };
        var inputs = new[]
        {
            Value("input_ids", Int32Type, "batch_size", "seq_len"),
            Value("position_ids", Int32Type, "batch_size", "seq_len"),
            Value("attention_mask", Int32Type, "batch_size", "total_seq_len"),
            Value("past_0", FloatType, 2, "batch_size", 1, "past_seq_len", 2),
        };
        var outputs = new[]
        {
            Value("logits", FloatType, "batch_size", "seq_len", size),
            Value("present_0", FloatType, 2, "batch_size", 1, "total_seq_len", 2),
        };
        return Model(Graph("bigram", nodes, initializers, inputs, outputs));
    }

    private static string TokenizerJson(Dictionary<string, int> vocab, List<string> merges, int eos)
    {
        var byteLevel = new Dictionary<string, object> { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null,
            ["added_tokens"] = new[] { new Dictionary<string, object> { ["id"] = eos, ["content"] = Eos, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true } },
            ["normalizer"] = null, ["pre_tokenizer"] = byteLevel, ["post_processor"] = byteLevel, ["decoder"] = byteLevel,
            ["model"] = new Dictionary<string, object?>
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "", ["end_of_word_suffix"] = "",
                ["fuse_unk"] = false, ["byte_fallback"] = false, ["vocab"] = vocab, ["merges"] = merges,
            },
        });
    }
}
