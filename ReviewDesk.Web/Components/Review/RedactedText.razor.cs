using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Review;

/// <summary>Redacted ticket text with each placeholder (<c>&lt;EMAIL_ADDRESS_1&gt;</c>) highlighted by its PII type, or its revealed original.</summary>
public sealed partial class RedactedText
{
    [Parameter]
    public string? Text { get; set; }

    /// <summary>The placeholders the scrubber made, from the ticket's PII spans; other text that looks like one stays plain.</summary>
    [Parameter]
    public IReadOnlySet<string> Placeholders { get; set; } = new HashSet<string>();

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>Original values by placeholder after an authorised reveal: shown in place of their placeholders, marked as revealed.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? Revealed { get; set; }

    private IReadOnlyList<Part> Parts { get; set; } = [];

    protected override void OnParametersSet() => Parts = Split(Text ?? "", Placeholders);

    /// <summary>The text cut into plain parts and placeholders (with their type).</summary>
    internal static IReadOnlyList<Part> Split(string text, IReadOnlySet<string> placeholders)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            if (!placeholders.Contains(match.Value)) continue;
            if (match.Index > at) parts.Add(new Part(text[at..match.Index], null));
            parts.Add(new Part(match.Value, match.Groups["type"].Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length) parts.Add(new Part(text[at..], null));
        return parts;
    }

    [GeneratedRegex(@"<(?<type>[A-Z][A-Z_]*?)_\d+>", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    internal sealed record Part(string Text, string? Type);
}
