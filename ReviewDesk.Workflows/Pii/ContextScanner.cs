using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>Reads the words around a span, for context boosts and negative-context checks.</summary>
internal static partial class ContextScanner
{
    /// <summary>Words that only introduce a number ("order no. 123", "invoice #: 123") and are skipped.</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "no", "nr", "num", "number", "nummer", "numéro", "numero", "número", "is", "id", "code", "de", "of", "the", "your", "my", "our",
    };

    /// <summary>
    /// Words that, just before a number, mark it as a business identifier rather than personal data.
    /// </summary>
    public static readonly HashSet<string> IdentifierWords = new(StringComparer.Ordinal)
    {
        "order", "orders", "invoice", "inv", "tracking", "track", "shipment", "parcel", "package", "ticket", "case",
        "ref", "reference", "po", "sku", "serial", "sn", "model", "part", "transaction", "txn", "confirmation",
        "booking", "reservation", "version", "ver", "build", "release", "firmware", "v", "customer",
        "contract", "policy", "license", "licence", "key", "claim", "rma", "return", "item", "article", "batch", "lot",
        "bestellung", "bestellnummer", "auftrag", "auftragsnummer", "rechnung", "rechnungsnummer", "sendung",
        "sendungsnummer", "kundennummer", "artikel", "vertragsnummer", "commande", "facture", "colis", "suivi",
        "pedido", "factura", "envío", "envio", "seguimiento", "bestelling", "bestelnummer", "factuur", "zending",
        "klantnummer", "referentie", "référence", "referencia", "vorgang", "ticketnummer",
    };

    /// <summary>Words that introduce software versions, whose dotted numbers look like addresses or phone numbers.</summary>
    public static readonly HashSet<string> VersionWords = new(StringComparer.Ordinal)
    {
        "version", "versions", "ver", "v", "build", "builds", "release", "released", "releases", "firmware", "fw",
        "update", "updated", "upgrade", "upgraded", "patch", "sdk", "nuget", "npm", "assembly", "chrome", "firefox",
        "edge", "safari", "ios", "android", "macos", "windows", "driver", "installer", "rollback", "rolled",
        "versión", "versie", "mise", "jour", "aktualisierung",
    };

    /// <summary>
    /// Whether a version word occurs shortly before <paramref name="start"/> in the same sentence,
    /// or the number is glued to a "v" ("v2.14.0").
    /// </summary>
    public static bool FollowsVersionWord(string text, int start, int words = 8)
    {
        if (start > 0 && text[start - 1] is 'v' or 'V')
        {
            return true;
        }

        foreach (var word in WordsInSentenceBefore(text, start, words))
        {
            if (VersionWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Up to <paramref name="count"/> lower-case words before <paramref name="start"/> in its sentence, nearest first.</summary>
    public static List<string> WordsInSentenceBefore(string text, int start, int count)
    {
        var sentence = text.AsSpan(0, start);
        var from = Math.Max(sentence.LastIndexOfAny('\n', '!', '?'), sentence.LastIndexOf(". ", StringComparison.Ordinal)) + 1;
        return WordsBefore(text[from..start], start - from, count);
    }

    /// <summary>Up to <paramref name="count"/> lower-case words right before <paramref name="start"/>, nearest first.</summary>
    public static List<string> WordsBefore(string text, int start, int count, bool stopAtLineBreak = true)
    {
        var words = new List<string>(count);
        var from = Math.Max(0, start - 80);
        var window = text.AsSpan(from, start - from);
        if (stopAtLineBreak)
        {
            var nl = window.LastIndexOf('\n');
            if (nl >= 0)
            {
                window = window[(nl + 1)..];
            }
        }

        var matches = WordRegex().Matches(window.ToString());
        for (var i = matches.Count - 1; i >= 0 && words.Count < count; i--)
        {
            words.Add(matches[i].Value.ToLowerInvariant());
        }

        return words;
    }

    /// <summary>Up to <paramref name="count"/> lower-case words right after <paramref name="end"/>, nearest first.</summary>
    public static List<string> WordsAfter(string text, int end, int count)
    {
        var words = new List<string>(count);
        var to = Math.Min(text.Length, end + 60);
        foreach (Match m in WordRegex().Matches(text.Substring(end, to - end)))
        {
            if (words.Count == count)
            {
                break;
            }

            words.Add(m.Value.ToLowerInvariant());
        }

        return words;
    }

    /// <summary>
    /// Whether the words just before a span (skipping fillers such as "no", "number", "#") name a
    /// business identifier such as an order, invoice or tracking number.
    /// </summary>
    public static bool FollowsIdentifierWord(string text, int start)
    {
        foreach (var word in WordsBefore(text, start, 4))
        {
            if (IdentifierWords.Contains(word))
            {
                return true;
            }

            if (!Fillers.Contains(word))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether any of <paramref name="words"/> occurs within a few words around the span.</summary>
    public static bool HasNearby(string text, int start, int end, IReadOnlyCollection<string> words, int before = 6, int after = 3)
    {
        if (words.Count == 0)
        {
            return false;
        }

        foreach (var w in WordsBefore(text, start, before, stopAtLineBreak: false))
        {
            if (words.Contains(w))
            {
                return true;
            }
        }

        foreach (var w in WordsAfter(text, end, after))
        {
            if (words.Contains(w))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[\p{L}][\p{L}\p{Mn}']*|\d+")]
    private static partial Regex WordRegex();
}
