using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>A SQuAD v1.1 or v2.0 file, flattened to paragraphs with their questions.</summary>
public sealed record SquadParagraph(string Title, int Index, string Context, IReadOnlyList<SquadQuestion> Questions)
{
    /// <summary>The store source of this paragraph, e.g. "Warsaw#3".</summary>
    public string Source => $"{Title}#{Index}";
}

/// <param name="Unanswerable">SQuAD v2.0's <c>is_impossible</c>: the paragraph does not answer the question, and a good answer declines.</param>
public sealed record SquadQuestion(string Id, string Question, IReadOnlyList<string> Answers, bool Unanswerable = false);

public static class SquadDataset
{
    public static async Task<IReadOnlyList<SquadParagraph>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"SQuAD file '{path}' does not exist.");
        }

        SquadFile? file;
        try
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync<SquadFile>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"SQuAD file '{path}' is not valid JSON for SQuAD: {JsonProblem.Describe(ex, wholeFile: true)}; expected an object with a \"data\" array of articles (SQuAD v1.1 or v2.0 format).", ex);
        }

        if (file?.Data is not { Count: > 0 } articles)
        {
            throw new InvalidDataException($"SQuAD file '{path}' has no \"data\" array of articles (expected SQuAD v1.1 or v2.0 format).");
        }

        var paragraphs = new List<SquadParagraph>();
        foreach (var article in articles)
        {
            var title = article.Title ?? throw new InvalidDataException($"SQuAD file '{path}': an article has no \"title\".");
            for (var i = 0; i < (article.Paragraphs?.Count ?? 0); i++)
            {
                var paragraph = article.Paragraphs![i];
                if (string.IsNullOrWhiteSpace(paragraph.Context))
                {
                    throw new InvalidDataException($"SQuAD file '{path}': paragraph {i} of '{title}' has no \"context\".");
                }

                var questions = (paragraph.Qas ?? [])
                    .Where(q => !string.IsNullOrWhiteSpace(q.Question))
                    .Select(q => new SquadQuestion(q.Id ?? "", q.Question!, (q.Answers ?? []).Select(a => a.Text ?? "").Where(t => t.Length > 0).ToList(), q.IsImpossible == true))
                    .ToList();
                paragraphs.Add(new SquadParagraph(title, i, paragraph.Context, questions));
            }
        }

        return paragraphs;
    }

    private sealed record SquadFile([property: JsonPropertyName("data")] List<SquadArticle>? Data);

    private sealed record SquadArticle(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("paragraphs")] List<SquadParagraphJson>? Paragraphs);

    private sealed record SquadParagraphJson(
        [property: JsonPropertyName("context")] string? Context,
        [property: JsonPropertyName("qas")] List<SquadQa>? Qas);

    private sealed record SquadQa(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("question")] string? Question,
        [property: JsonPropertyName("answers")] List<SquadAnswer>? Answers,
        [property: JsonPropertyName("is_impossible")] bool? IsImpossible = null);

    private sealed record SquadAnswer([property: JsonPropertyName("text")] string? Text);
}
