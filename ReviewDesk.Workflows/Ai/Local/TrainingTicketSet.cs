using System.Security.Cryptography;
using System.Text.Json;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// The labelled tickets the local model trains on, with the SHA-256 of the file they came from
/// (the key of the model cache).
/// </summary>
internal sealed class TrainingTicketSet
{
    /// <summary>The logical name of the embedded copy of <c>Triage/Data/training-tickets.jsonl</c>.</summary>
    public const string EmbeddedResourceName = "ReviewDesk.Workflows.Triage.training-tickets.jsonl";

    private static readonly Lazy<TrainingTicketSet> Embedded = new(LoadEmbeddedCore);

    private TrainingTicketSet(IReadOnlyList<LabelledTicket> tickets, string sha256)
    {
        Tickets = tickets;
        Sha256 = sha256;
    }

    /// <summary>The tickets in file order.</summary>
    public IReadOnlyList<LabelledTicket> Tickets { get; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The training file embedded in this assembly (parsed once per process).</summary>
    public static TrainingTicketSet LoadEmbedded() => Embedded.Value;

    /// <summary>Parses JSONL bytes; every label must be one of <see cref="TicketLabels"/>.</summary>
    /// <exception cref="InvalidDataException">A line does not parse or carries an unknown label.</exception>
    public static TrainingTicketSet Parse(ReadOnlySpan<byte> jsonl)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(jsonl));
        if (jsonl.StartsWith("\uFEFF"u8))
        {
            jsonl = jsonl[3..];
        }

        var tickets = new List<LabelledTicket>();
        var lineNumber = 0;
        foreach (var range in jsonl.Split((byte)'\n'))
        {
            lineNumber++;
            var line = jsonl[range];
            if (line.IsEmpty || line.Trim((byte)'\r').Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            LabelledTicket? ticket;
            try
            {
                ticket = JsonSerializer.Deserialize<LabelledTicket>(line);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Training line {lineNumber} is not valid JSON.", ex);
            }

            if (ticket is null || ticket.Subject is null || ticket.Body is null
                || !TicketLabels.Categories.Contains(ticket.Category)
                || !TicketLabels.Priorities.Contains(ticket.Priority)
                || !TicketLabels.Sentiments.Contains(ticket.Sentiment))
            {
                throw new InvalidDataException($"Training line {lineNumber} lacks a field or carries a label outside TicketLabels.");
            }

            tickets.Add(ticket);
        }

        return new TrainingTicketSet(tickets, sha);
    }

    private static TrainingTicketSet LoadEmbeddedCore()
    {
        using var stream = typeof(TrainingTicketSet).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {EmbeddedResourceName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
