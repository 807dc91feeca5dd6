using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Web.Cli;

/// <summary><c>pii --input in.jsonl --output out.jsonl</c>: finds and redacts PII offline.</summary>
internal static class PiiCommand
{
    private const string Help = """
        usage: ReviewDesk.Web pii --input IN.jsonl --output OUT.jsonl
          Reads lines {"id","text"} and writes {"id","redacted","entities":[{"type","start","end","text","score"}]}.
          Runs offline with the local recognizers. Malformed lines are reported (line number, reason) and skipped.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["input", "output"], out var problem);
        if (options.Help)
        {
            await output.WriteLineAsync(Help);
            return 0;
        }

        if (problem is not null)
        {
            await error.WriteLineAsync($"pii: {problem} (see --help)");
            return 2;
        }

        var analyzer = PiiAnalyzer.Create();
        return await JsonLinesTransform.RunAsync("pii", options["input"], options["output"], error, item =>
        {
            var id = JsonLinesTransform.RequiredId(item);
            var text = JsonLinesTransform.RequiredString(item, "text");
            var found = analyzer.Analyze(text);
            var result = PiiAnonymizer.Replace([text], [found]);
            var entities = new JsonArray([.. found.Select(e => (JsonNode)new JsonObject
            {
                ["type"] = e.Type, ["start"] = e.Start, ["end"] = e.End, ["text"] = e.Text, ["score"] = Math.Round(e.Score, 3),
            })]);
            return Task.FromResult(new JsonObject { ["id"] = id, ["redacted"] = result.Text, ["entities"] = entities });
        });
    }
}
