using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// Measures the fast local classifier (<see cref="LocalTicketClassifier"/>, as the Classify step calls it) in process, on
/// one thread: the demo tickets the product benchmark submits (or the training tickets) are classified until --tickets
/// have been, per round, after a warm-up round. The model is trained into a temporary folder first (or loaded from
/// --model-directory). Prints CPU and wall microseconds per ticket, and a digest of the answers, so runs of two builds can
/// be checked to have answered the same.
/// </summary>
internal static class LocalBenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var tickets = int.Parse(config["tickets"] ?? "20000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(config["rounds"] ?? "5", CultureInfo.InvariantCulture);
        var set = config["set"] ?? "demo";
        var texts = set switch
        {
            "demo" => DemoTickets.Load().Select(t => new TicketText(t.Subject ?? "", t.Body ?? "")).ToList(),
            "training" => TrainingTicketSet.LoadEmbedded().Tickets.Select(t => new TicketText(t.Subject, t.Body)).ToList(),
            _ => null,
        };
        if (texts is null || tickets <= 0 || rounds <= 0)
        {
            await Console.Error.WriteLineAsync("usage: ReviewDesk.Harness local-bench [--tickets 20000] [--rounds 5] [--set demo|training] [--model-directory DIR]");
            return 2;
        }

        var directory = config["model-directory"] ?? Path.Combine(Path.GetTempPath(), "reviewdesk-local-bench-" + Guid.NewGuid().ToString("N")[..8]);
        using var classifier = new LocalTicketClassifier("local", new LocalClassifierOptions { ModelDirectory = directory });
        var info = await classifier.WarmUpAsync(CancellationToken.None);
        Run(classifier, info, texts, set, tickets, rounds);
        if (config["model-directory"] is null) Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static void Run(LocalTicketClassifier classifier, LocalModelInfo info, List<TicketText> texts, string set, int tickets, int rounds)
    {
        Console.WriteLine($"local classifier benchmark: model {info.Model} {(info.LoadedFromCache ? "loaded" : "trained")} in {info.Elapsed.TotalMilliseconds:N0} ms; " +
            $"{tickets:N0} {set} tickets per round ({texts.Count} distinct), {rounds} rounds after a warm-up round, one thread, .NET {Environment.Version}");

        int Classify(int count)
        {
            var confident = 0;
            for (var i = 0; i < count; i++)
            {
                if (!classifier.TryClassify(texts[i % texts.Count], out var result)) throw new InvalidOperationException("the model is not loaded");
                if (result.Classification.Confidence >= 0.9) confident++;
            }

            return confident;
        }

        // The warm-up round; then every text's answer, digested, so two builds can be checked to answer alike.
        Classify(tickets);
        var answers = string.Join('\n', texts.Select(t =>
        {
            classifier.TryClassify(t, out var result);
            var c = result!.Classification;
            return string.Create(CultureInfo.InvariantCulture, $"{c.Category}|{c.Priority}|{c.Sentiment}|{c.Language}|{c.Confidence}|{c.Rationale}");
        }));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answers)))[..16];
        var timings = new List<ThreadTiming>();
        for (var round = 1; round <= rounds; round++)
        {
            var (timing, confident) = ThreadTiming.Measure(Classify, tickets);
            timings.Add(timing);
            Console.WriteLine($"  round {round}: {timing} ({confident:N0} at confidence >= 0.9; answers digest {digest})");
        }

        Console.WriteLine($"median: {BenchCommand.Median([.. timings.Select(t => t.WallUs)]):N1} µs/ticket wall, {BenchCommand.Median([.. timings.Select(t => t.CpuUs)]):N1} CPU");
    }
}
