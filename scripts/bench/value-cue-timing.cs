#:project ../../src/Orchestrator.Core/Orchestrator.Core.csproj
// Argument extraction on 1 MB hostile texts for a numeric parameter named "base": the named-number cue
// ("base is 7") once backtracked quadratically over a run of spaces after the name (leftovers34).
// Prints the median of five runs per text and the value found. Run it in each tree to compare.
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

const int Mb = 1024 * 1024;
var tool = new ToolDescriptor
{
    Name = "triangle_area",
    Description = "Area of a triangle.",
    ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{"base":{"type":"number"}}}""").RootElement.Clone(),
};
var texts = new (string Label, string Text)[]
{
    ("\"base\" + 1 MB spaces + \"base is 7\"", "base" + new string(' ', Mb) + "base is 7"),
    ("\"base\" + 1 MB tabs + \"base is 7\"", "base" + new string('\t', Mb) + "base is 7"),
    ("(\"base\" + 1 KB spaces) x 1024 + \"base 7\"", string.Concat(Enumerable.Repeat("base" + new string(' ', 1024), 1024)) + "base 7"),
    ("benign: \"base = 5, \" to 1 MB", string.Concat(Enumerable.Repeat("base = 5, ", Mb / 10))),
};
ArgumentExtractor.Extract("base is 1", tool); // warm-up
foreach (var (label, text) in texts)
{
    var times = new List<double>();
    string found = "";
    for (var run = 0; run < 5; run++)
    {
        var sw = Stopwatch.StartNew();
        var extracted = ArgumentExtractor.Extract(text, tool);
        times.Add(sw.Elapsed.TotalMilliseconds);
        found = extracted.Arguments["base"]?.ToJsonString() ?? "none";
    }

    times.Sort();
    Console.WriteLine($"{label,-45} median {times[2],8:0} ms  (min {times[0],6:0}, max {times[4],6:0})  base = {found}");
}
