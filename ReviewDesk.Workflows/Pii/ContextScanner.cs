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

        var window = SentenceBefore(text, start);
        Span<(int Index, int Length)> found = stackalloc (int, int)[MaxWindow];
        var count = FindWords(window, found);
        for (var i = count - 1; i >= Math.Max(0, count - words); i--)
        {
            if (Contains(VersionWords, window.Slice(found[i].Index, found[i].Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Up to <paramref name="count"/> lower-case words before <paramref name="start"/> in its sentence, nearest first.</summary>
    public static List<string> WordsInSentenceBefore(string text, int start, int count) =>
        LowerCase(SentenceBefore(text, start), count);

    /// <summary>
    /// Whether the words just before a span (skipping fillers such as "no", "number", "#") name a
    /// business identifier such as an order, invoice or tracking number.
    /// </summary>
    public static bool FollowsIdentifierWord(string text, int start)
    {
        var window = Before(text, start, stopAtLineBreak: true);
        Span<(int Index, int Length)> found = stackalloc (int, int)[MaxWindow];
        var count = FindWords(window, found);
        for (var i = count - 1; i >= Math.Max(0, count - 4); i--)
        {
            var word = window.Slice(found[i].Index, found[i].Length);
            if (Contains(IdentifierWords, word))
            {
                return true;
            }

            if (!Contains(Fillers, word))
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

        var window = Before(text, start, stopAtLineBreak: false);
        Span<(int Index, int Length)> found = stackalloc (int, int)[MaxWindow];
        var count = FindWords(window, found);
        for (var i = count - 1; i >= Math.Max(0, count - before); i--)
        {
            if (Contains(words, window.Slice(found[i].Index, found[i].Length)))
            {
                return true;
            }
        }

        var following = After(text, end);
        var taken = 0;
        foreach (var m in WordRegex().EnumerateMatches(following))
        {
            if (taken++ == after)
            {
                break;
            }

            if (Contains(words, following.Slice(m.Index, m.Length)))
            {
                return true;
            }
        }

        return false;
    }

    // The words are read from at most this many characters before a span (so there are at most as many words), and from
    // at most AfterWindow characters after it.
    private const int MaxWindow = 80;
    private const int AfterWindow = 60;

    private static ReadOnlySpan<char> Before(string text, int start, bool stopAtLineBreak)
    {
        var from = Math.Max(0, start - MaxWindow);
        var window = text.AsSpan(from, start - from);
        if (stopAtLineBreak)
        {
            var nl = window.LastIndexOf('\n');
            if (nl >= 0)
            {
                window = window[(nl + 1)..];
            }
        }

        return window;
    }

    // The words of start's sentence that the checks read: after the last line break, '!', '?' or ". ", and at most
    // MaxWindow characters.
    private static ReadOnlySpan<char> SentenceBefore(string text, int start)
    {
        var sentence = text.AsSpan(0, start);
        var from = Math.Max(sentence.LastIndexOfAny('\n', '!', '?'), sentence.LastIndexOf(". ", StringComparison.Ordinal)) + 1;
        from = Math.Max(from, start - MaxWindow);
        return text.AsSpan(from, start - from);
    }

    private static ReadOnlySpan<char> After(string text, int end) =>
        text.AsSpan(end, Math.Min(text.Length, end + AfterWindow) - end);

    /// <summary>Where the words of <paramref name="window"/> are, in order; returns how many.</summary>
    private static int FindWords(ReadOnlySpan<char> window, Span<(int Index, int Length)> found)
    {
        var count = 0;
        foreach (var m in WordRegex().EnumerateMatches(window))
        {
            found[count++] = (m.Index, m.Length);
        }

        return count;
    }

    private static List<string> LowerCase(ReadOnlySpan<char> window, int count)
    {
        Span<(int Index, int Length)> found = stackalloc (int, int)[MaxWindow];
        var total = FindWords(window, found);
        var words = new List<string>(count);
        for (var i = total - 1; i >= 0 && words.Count < count; i--)
        {
            words.Add(window.Slice(found[i].Index, found[i].Length).ToString().ToLowerInvariant());
        }

        return words;
    }

    /// <summary>
    /// Whether <paramref name="words"/> holds <paramref name="word"/> in lower case, as <c>words.Contains(word.ToLowerInvariant())</c>
    /// says, without making the string when <paramref name="words"/> is a set that can look a span up.
    /// </summary>
    private static bool Contains(IReadOnlyCollection<string> words, ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[MaxWindow];
        var length = word.ToLowerInvariant(lower);
        if (words is HashSet<string> set && set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            return lookup.Contains(lower[..length]);
        }

        return words.Contains(lower[..length].ToString());
    }

    [GeneratedRegex(@"[\p{L}][\p{L}\p{Mn}']*|\d+")]
    private static partial Regex WordRegex();
}
