namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// One printed line of a PDF page: its words in content order, the point size most of its letters have,
/// whether they are all set in a bold face, and its baseline (PDF units, rising up the page).
/// </summary>
internal sealed record PdfLine(int Page, string Text, double Size, bool Bold, double Baseline);
