using System.Text.Json;

namespace ReviewDesk.Workflows.Triage;

/// <summary>The demo tickets a fresh install submits (fictional people, example.com addresses, test card numbers).</summary>
public static class DemoTickets
{
    /// <summary>Reads the shipped demo tickets.</summary>
    public static IReadOnlyList<TicketSubmission> Load()
    {
        using var stream = typeof(DemoTickets).Assembly.GetManifestResourceStream("ReviewDesk.Workflows.Triage.demo-tickets.jsonl")
            ?? throw new InvalidOperationException("the demo tickets resource is missing");
        using var reader = new StreamReader(stream);
        var tickets = new List<TicketSubmission>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            tickets.Add(JsonSerializer.Deserialize<TicketSubmission>(line, JsonSerializerOptions.Web)!);
        }

        return tickets;
    }
}
