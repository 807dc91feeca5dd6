using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

/// <summary>Tickets from the embedded training file, for tests that need many realistic inputs.</summary>
internal static class TrainingTickets
{
    /// <summary>Every <c>count</c>-th ticket spread over the whole file, in file order.</summary>
    public static IEnumerable<TicketText> Sample(int count)
    {
        var all = TrainingTicketSet.LoadEmbedded().Tickets;
        var step = Math.Max(1, all.Count / count);
        return all.Where((_, i) => i % step == 0).Take(count).Select(t => t.ToTicketText());
    }

    /// <summary>The first <paramref name="count"/> lines of the embedded training file, as bytes.</summary>
    public static byte[] FirstLines(int count)
    {
        using var stream = typeof(LocalTicketClassifier).Assembly.GetManifestResourceStream(TrainingTicketSet.EmbeddedResourceName)!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (lines.Count < count && reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
