namespace ReviewDesk.Web.Cli.Remote;

/// <summary>Plain-text output for people: column-aligned tables and "name: value" records.</summary>
internal static class TableWriter
{
    private const int MaxCell = 60;

    public static async Task WriteTableAsync(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var cells = rows.Select(r => r.Select(Cell).ToArray()).ToList();
        var widths = headers.Select((h, i) => cells.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        await output.WriteLineAsync(Line(headers.ToArray(), widths));
        foreach (var row in cells) await output.WriteLineAsync(Line(row, widths));
    }

    public static async Task WriteRecordAsync(TextWriter output, IEnumerable<(string Name, string? Value)> fields)
    {
        var set = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var width = set.Count == 0 ? 0 : set.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in set) await output.WriteLineAsync($"{(name + ":").PadRight(width)} {ProblemLine.OneLine(value!)}");
    }

    // The last column is not padded, so lines carry no trailing blanks.
    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));

    private static string Cell(string? value)
    {
        var text = ProblemLine.OneLine(value ?? "");
        return text.Length <= MaxCell ? (text.Length == 0 ? "-" : text) : string.Concat(text.AsSpan(0, MaxCell - 1), "…");
    }
}
