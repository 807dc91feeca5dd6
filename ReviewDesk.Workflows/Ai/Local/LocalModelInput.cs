using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>The row the ML.NET pipeline reads: the ticket's text and its urgency cue counts.</summary>
internal sealed partial class LocalModelInput
{
    /// <summary>Subject and body, placeholders reduced to their type (<c>&lt;EMAIL_ADDRESS_1&gt;</c> → <c>EMAIL_ADDRESS</c>).</summary>
    public string Text { get; set; } = "";

    /// <summary>Counts per <see cref="UrgencyCues"/> group; a feature of the priority model only.</summary>
    [VectorType(UrgencyCues.GroupCount)]
    public float[] Urgency { get; set; } = new float[UrgencyCues.GroupCount];

    /// <summary>The model input of a ticket.</summary>
    public static LocalModelInput From(TicketText ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var text = ComposeText(ticket.Subject, ticket.Body);
        return new LocalModelInput { Text = text, Urgency = UrgencyCues.Count(text) };
    }

    /// <summary>The text the model sees: subject, a line break, body; placeholder numbers dropped.</summary>
    public static string ComposeText(string? subject, string? body)
    {
        var builder = new StringBuilder((subject?.Length ?? 0) + (body?.Length ?? 0) + 1);
        builder.Append(subject).Append('\n').Append(body);

        // The number only tells placeholders of one ticket apart; the type is what carries meaning.
        return Placeholder().Replace(builder.ToString(), "$1");
    }

    [GeneratedRegex(@"<([A-Z][A-Z_]*?)_\d+>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
