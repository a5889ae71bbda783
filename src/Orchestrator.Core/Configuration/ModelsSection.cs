using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>Reads and checks <c>models:</c> in orchestrator.yaml.</summary>
internal static partial class ModelsSection
{
    private static readonly string[] AllFields =
        ["provider", "path", "endpoint", "model", "api_key_env", "price", "headers", "timeout_seconds", "max_retries", "max_output_tokens", "temperature", "max_concurrency", "queue_timeout_seconds", "prompt_format", "resilience", "chaos", "propagate_trace_context", "max_tokens_field", "quantization"];

    /// <summary>Which fields mean something for each provider; the rest are mistakes worth reporting.</summary>
    private static readonly Dictionary<string, string[]> FieldsByProvider = new(StringComparer.Ordinal)
    {
        [ModelProviders.EmbeddedMiniLm] = ["provider", "quantization"],
        [ModelProviders.Onnx] = ["provider", "path", "max_output_tokens", "temperature", "max_concurrency", "queue_timeout_seconds", "prompt_format"],
        [ModelProviders.OpenAI] = ["provider", "endpoint", "model", "api_key_env", "price", "headers", "timeout_seconds", "max_retries", "max_output_tokens", "temperature", "resilience", "chaos", "propagate_trace_context", "max_tokens_field"],

        // The host's client is the transport: no endpoint, key, headers or network timeout of ours (resilience has attempt and total timeouts).
        [ModelProviders.Host] = ["provider", "price", "max_retries", "max_output_tokens", "temperature", "resilience", "chaos"],
    };

    /// <summary>Returns the models by name, or null when the section is missing or not a mapping.</summary>
    public static Dictionary<string, ModelConfig>? Read(YamlFields root, Dictionary<string, Located> declaredAt)
    {
        var entries = root.NamedEntries("models", "model settings");
        if (entries is null)
        {
            // A misspelt 'models:' is already reported with its did-you-mean; "missing models" beside it is noise.
            if (!root.Has("models") && !root.Misspelt.ContainsKey("models"))
            {
                root.Missing("models", "named models, at least one with provider embedded-minilm for the router, e.g. embedder: { provider: embedded-minilm }");
            }

            return null;
        }

        var models = new Dictionary<string, ModelConfig>(StringComparer.Ordinal);
        var hedgingTargets = new List<Located>();
        foreach (var (name, value) in entries)
        {
            declaredAt[name.Value] = name;
            if (ReadModel(root, name, value, hedgingTargets) is { } model)
            {
                models[name.Value] = model;
            }
        }

        foreach (var target in hedgingTargets)
        {
            ResilienceSection.CheckHedgingTarget(root, models, target);
        }

        return models;
    }

    private static ModelConfig? ReadModel(YamlFields root, Located name, YamlNode value, List<Located> hedgingTargets)
    {
        var section = $"models.{name.Value}";
        if (value is not YamlMappingNode map)
        {
            root.Error(value.Start, $"model '{name.Value}' must be a mapping with at least 'provider' (one of: {string.Join(", ", ModelProviders.All)}), found {YamlShape.Describe(value)}");
            return null;
        }

        var fields = new YamlFields(map, root.File, section, AllFields, root.Diagnostics, name.At);
        var provider = fields.Choice("provider", ModelProviders.All, required: true);
        if (provider is not { } p)
        {
            return null;
        }

        var applicable = FieldsByProvider[p.Value];
        foreach (var field in fields.Names.Where(f => !applicable.Contains(f)))
        {
            fields.Error(fields.KeyAt(field), $"field '{field}' does not apply to provider {p.Value}; {p.Value} models take: {string.Join(", ", applicable)}");
        }

        var path = fields.Text("path", required: p.Value == ModelProviders.Onnx, expected: "the folder of the ONNX Runtime GenAI model, e.g. models/phi-4-mini-instruct-onnx");
        var endpoint = ReadEndpoint(fields, p.Value == ModelProviders.OpenAI);
        var model = fields.Text("model", required: p.Value == ModelProviders.OpenAI, expected: "the model id the endpoint serves, e.g. gpt-4.1 or qwen2.5:3b");
        var price = fields.Map("price", ["input_per_mtok", "output_per_mtok"]);
        var timeout = fields.Number("timeout_seconds", 0.001);
        var temperature = fields.Number("temperature", 0);
        if (temperature > 2)
        {
            fields.Error(fields.At("temperature"), $"'temperature' is {temperature}; expected a number from 0 to 2");
            temperature = null;
        }

        var maxRetries = (int?)fields.Integer("max_retries", 0, 10);
        var resilience = ResilienceSection.Read(fields, name.Value, maxRetries, out var hedgingTarget);
        if (hedgingTarget is { } target)
        {
            hedgingTargets.Add(target);
        }

        var chaos = ResilienceSection.ReadChaos(fields);
        if (chaos is not null && resilience is { Enabled: false })
        {
            fields.Error(fields.At("chaos"), $"'chaos' in {section} needs the resilience pipeline, which resilience.enabled: false turns off; remove one of them");
        }

        return new ModelConfig
        {
            Name = name.Value,
            Provider = p.Value,
            Path = path?.Value,
            Endpoint = endpoint,
            Model = model?.Value,
            ApiKeyEnv = ReadApiKeyEnv(fields),
            Headers = ReadHeaders(fields),
            TimeoutSeconds = timeout,
            MaxRetries = maxRetries,
            Resilience = resilience,
            Chaos = chaos,
            PropagateTraceContext = fields.Boolean("propagate_trace_context") ?? false,
            MaxOutputTokens = (int?)fields.Integer("max_output_tokens", 1, 1_000_000),
            MaxTokensField = fields.Choice("max_tokens_field", MaxTokensFields.All)?.Value,
            Temperature = temperature,
            MaxConcurrency = (int?)fields.Integer("max_concurrency", 1, 64),
            QueueTimeoutSeconds = fields.Number("queue_timeout_seconds", 0.001),
            Quantization = fields.Choice("quantization", EmbedderQuantizations.All)?.Value,
            PromptFormat = fields.Choice("prompt_format", ["auto", "phi3", "chatml", "llama3", "plain", "raw"])?.Value,
            Price = price is null ? null : new PriceConfig
            {
                InputPerMtok = price.Number("input_per_mtok", 0) ?? 0,
                OutputPerMtok = price.Number("output_per_mtok", 0) ?? 0,
            },
        };
    }

    private static string? ReadEndpoint(YamlFields fields, bool required)
    {
        var endpoint = fields.Text("endpoint", required, "an http(s) URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1");
        if (endpoint is { } e && !(Uri.TryCreate(e.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            fields.Error(e.At, $"endpoint '{e.Value}' is not an http(s) URL; expected e.g. https://api.openai.com/v1");
            return null;
        }

        return endpoint?.Value;
    }

    internal static Dictionary<string, string> ReadHeaders(YamlFields fields) =>
        ReadEnvBackedValues(fields, "headers", "header", HeaderName(), "letters, digits and - only", "header values, e.g. headers: { X-Team: search }");

    /// <summary>
    /// Named text values that may reference environment variables: <c>"Bearer ${TOKEN}"</c>, or <c>{ env: TOKEN }</c>
    /// for the whole value (stored as <c>${TOKEN}</c>). Expansion happens when a client is built (<see cref="HeaderEnvReference"/>).
    /// </summary>
    internal static Dictionary<string, string> ReadEnvBackedValues(YamlFields fields, string field, string what, Regex namePattern, string nameRule, string expected)
    {
        var values = new Dictionary<string, string>(field == "headers" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var entries = fields.NamedEntries(field, expected);
        foreach (var (name, value) in entries ?? [])
        {
            var text = value is YamlMappingNode map ? EnvReference(fields, name, map, what) : (value as YamlScalarNode)?.Value;
            if (!namePattern.IsMatch(name.Value))
            {
                fields.Error(name.At, $"{what} name '{name.Value}' is invalid ({nameRule})");
            }
            else if (text is null)
            {
                // The message never quotes a value: headers and environment variables often carry credentials.
                fields.Error(value.Start, $"{what} '{name.Value}' must have a text value or {{ env: NAME }}, found {YamlShape.Describe(value)}");
            }
            else if (HeaderEnvReference.FindUnknownName(text) is { } bad)
            {
                fields.Error(value.Start, $"{what} '{name.Value}' references '${{{bad}}}', which is not an environment variable name; write ${{NAME}} with NAME like MY_TOKEN");
            }
            else if (value is YamlScalarNode || text.Length > 0)
            {
                values[name.Value] = text;
            }
        }

        return values;
    }

    /// <summary><c>{ env: NAME }</c> as <c>${NAME}</c>; "" after reporting a problem, null when the mapping is not of that shape.</summary>
    private static string? EnvReference(YamlFields fields, Located name, YamlMappingNode map, string what)
    {
        var env = new YamlFields(map, fields.File, $"{what} '{name.Value}'", ["env"], fields.Diagnostics, name.At).Text("env", required: true, expected: "the NAME of an environment variable, e.g. MY_TOKEN");
        if (env is not { } e)
        {
            return "";
        }

        if (!EnvironmentVariableName().IsMatch(e.Value))
        {
            fields.Error(e.At, $"{what} '{name.Value}': env is not an environment variable name; expected a NAME like MY_TOKEN");
            return "";
        }

        return "${" + e.Value + "}";
    }

    internal static string? ReadApiKeyEnv(YamlFields fields)
    {
        var name = fields.Text("api_key_env", expected: "the NAME of an environment variable, e.g. OPENAI_API_KEY");
        if (name is not { } n)
        {
            return null;
        }

        // The message never repeats the value: if it is a real key, it must not reach logs or CI output.
        if (!EnvironmentVariableName().IsMatch(n.Value) || LooksLikeSecret(n.Value))
        {
            fields.Error(n.At, "api_key_env does not look like an environment variable name (it may be a key itself); write the variable's NAME, e.g. OPENAI_API_KEY, and keep the key in that variable, never in config files");
            return null;
        }

        return n.Value;
    }

    /// <summary>Variable names are short and mostly upper case; long mixed-case strings with digits are keys.</summary>
    private static bool LooksLikeSecret(string value) =>
        value.Length >= 30 && value.Any(char.IsLower) && value.Any(char.IsDigit);

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex EnvironmentVariableName();
}
