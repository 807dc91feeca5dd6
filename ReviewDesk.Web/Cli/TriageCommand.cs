using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Cli;

/// <summary><c>triage --input in.jsonl --output out.jsonl</c>: scrubs and classifies offline with the local model.</summary>
internal static class TriageCommand
{
    private const string Help = """
        usage: ReviewDesk.Web triage --input IN.jsonl --output OUT.jsonl [--model-dir DIR] [--threshold 0.8] [--audit-percent 5]
          Reads lines {"id","subject","body"} and writes
          {"id","category","priority","language","sentiment","confidence","needs_review","review_reasons"}.
          Scrubs PII first (the model sees only placeholders), classifies with the local ML.NET model
          (trained on first use and cached in --model-dir, default data/models), and applies the review rules.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["input", "output", "model-dir", "threshold", "audit-percent"], out var problem);
        if (options.Help)
        {
            await output.WriteLineAsync(Help);
            return 0;
        }

        var threshold = ReviewRules.DefaultThreshold;
        var auditPercent = ReviewRules.DefaultAuditPercent;
        problem ??= options["threshold"] is { } t && !TryParseShare(t, 1, out threshold) ? "--threshold must be a number from 0 to 1" : null;
        problem ??= options["audit-percent"] is { } a && !TryParseShare(a, 100, out auditPercent) ? "--audit-percent must be a number from 0 to 100" : null;
        if (problem is not null)
        {
            await error.WriteLineAsync($"triage: {problem} (see --help)");
            return 2;
        }

        var anonymizer = PiiAnonymizer.Create();
        using var classifier = new LocalTicketClassifier("local", new LocalClassifierOptions { ModelDirectory = options["model-dir"] ?? Path.Combine("data", "models") });
        return await JsonLinesTransform.RunAsync("triage", options["input"], options["output"], error, async item =>
        {
            var id = JsonLinesTransform.RequiredId(item);
            var scrubbed = anonymizer.Anonymize([JsonLinesTransform.RequiredString(item, "subject"), JsonLinesTransform.RequiredString(item, "body")]);
            var labels = (await classifier.ClassifyAsync(new TicketText(scrubbed.Texts[0], scrubbed.Texts[1]), CancellationToken.None)).Classification;
            var reasons = ReviewRules.Reasons(id.ToString(), labels.Category, labels.Priority, labels.Confidence, scrubbed.ContainsHighRisk, threshold, auditPercent);
            return new JsonObject
            {
                ["id"] = id,
                ["category"] = labels.Category,
                ["priority"] = labels.Priority,
                ["language"] = labels.Language,
                ["sentiment"] = labels.Sentiment,
                ["confidence"] = Math.Round(labels.Confidence, 4),
                ["needs_review"] = reasons.Count > 0,
                ["review_reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]),
            };
        });
    }

    private static bool TryParseShare(string text, double maximum, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= 0 && value <= maximum;
}
