using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Web.Cli.Remote;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Web.Cli;

/// <summary><c>evaluate --input labelled.jsonl [--provider local|semantic]</c>: scores an offline provider on labelled tickets.</summary>
internal static class EvaluateCommand
{
    private const string Help = """
        usage: ReviewDesk.Web evaluate --input LABELLED.jsonl [--provider local|semantic] [--model-dir DIR]
          Reads lines {"subject","body","category","priority"} (already scrubbed of PII), classifies each with
          the provider (local: the TF-IDF model, default; semantic: the MiniLM model), and prints accuracy,
          macro-F1, precision and recall per category and priority, calibration and the auto-route curve.
          Models train on first use and are cached in --model-dir (default data/models).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["input", "provider", "model-dir"], out var problem);
        if (options.Help)
        {
            await output.WriteLineAsync(Help);
            return 0;
        }

        var provider = options["provider"] ?? "local";
        problem ??= options["input"] is null ? "--input is required" : null;
        problem ??= provider is not ("local" or "semantic") ? "--provider must be local or semantic" : null;
        if (problem is not null)
        {
            await error.WriteLineAsync($"evaluate: {problem} (see --help)");
            return CliExitCode.Usage;
        }

        List<(TicketText Ticket, string Category, string Priority)> tickets;
        try
        {
            tickets = await ReadAsync(options["input"]!);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"evaluate: {ex.Message}");
            return CliExitCode.Failure;
        }

        var modelOptions = new LocalClassifierOptions { ModelDirectory = options["model-dir"] ?? Path.Combine("data", "models") };
        ITicketClassifier classifier = provider == "semantic"
            ? new SemanticTicketClassifier("semantic", modelOptions)
            : new LocalTicketClassifier("local", modelOptions);
        try
        {
            var predicted = new List<Classification>(tickets.Count);
            foreach (var (ticket, _, _) in tickets)
            {
                predicted.Add((await classifier.ClassifyAsync(ticket, CancellationToken.None)).Classification);
            }

            await output.WriteLineAsync($"provider: {provider} ({predicted[0].Model})");
            await output.WriteAsync(ClassifierEvaluation.Report(tickets.Select(t => (t.Category, t.Priority)).ToList(), predicted));
            return CliExitCode.Success;
        }
        finally
        {
            (classifier as IDisposable)?.Dispose();
        }
    }

    private static async Task<List<(TicketText, string, string)>> ReadAsync(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path} does not exist");
        var tickets = new List<(TicketText, string, string)>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject? item;
            try
            {
                item = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                throw new InvalidDataException($"line {number} is not valid JSON");
            }

            var subject = Text(item, "subject");
            var body = Text(item, "body");
            var category = Text(item, "category");
            var priority = Text(item, "priority");
            if (subject is null || body is null || category is null || priority is null)
            {
                throw new InvalidDataException($"line {number} needs string fields subject, body, category and priority");
            }

            if (!TicketLabels.Categories.Contains(category) || !TicketLabels.Priorities.Contains(priority))
            {
                throw new InvalidDataException($"line {number} has a category or priority outside {string.Join('/', TicketLabels.Categories)} and P1-P4");
            }

            tickets.Add((new TicketText(subject, body), category, priority));
        }

        return tickets.Count > 0 ? tickets : throw new InvalidDataException($"{path} holds no labelled tickets");
    }

    private static string? Text(JsonObject? item, string name) =>
        item?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
