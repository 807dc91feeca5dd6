using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds postal street addresses: a house number, a capitalised street name and a street
/// suffix (St, Street, Ave, Road, Lane, Blvd …), optionally a direction and a unit (Apt, Suite,
/// Unit, Flat, #); continental forms where the number follows the street (Hauptstraße 12,
/// Kerkstraat 12, Calle Mayor 5) or the street type follows the number (12 rue de la Paix).
/// The span continues with the city when a US state, a UK postcode or a continental postcode
/// comes with it ("…, Springfield, IL 62704", "…, London NW1 6XE", "…, 10115 Berlin").
/// </summary>
public sealed partial class StreetAddressRecognizer : IPiiRecognizer
{
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "address", "ship", "shipping", "deliver", "delivery", "send", "billing", "office", "moved", "live", "located",
        "warehouse", "collect", "return", "adresse", "lieferadresse", "rechnungsadresse", "anschrift", "dirección",
        "direccion", "envío", "adres", "factuuradres", "afleveradres", "livraison", "facturation",
    };

    /// <inheritdoc />
    public string EntityType => PiiTypes.StreetAddress;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Each of the four patterns holds a house number (\d, a digit of any script): a text without a digit needs none.
        if (!Digits.Any(text))
        {
            return [];
        }

        var results = new List<PiiEntity>();
        Collect(text, NumberFirstRegex(), results);
        Collect(text, FrenchRegex(), results);
        Collect(text, CompoundStreetRegex(), results);
        Collect(text, StreetTypeFirstRegex(), results);
        return results;
    }

    private void Collect(string text, Regex regex, List<PiiEntity> results)
    {
        foreach (Match m in regex.Matches(text))
        {
            var end = m.Index + m.Length;
            var tail = TailRegex().Match(text, end);
            if (tail.Success)
            {
                end = tail.Index + tail.Length;
            }

            results.Add(new PiiEntity(EntityType, m.Index, end, text[m.Index..end], 0.85));
        }
    }

    private const string CapWord = @"\p{Lu}[\p{L}'’\-]*\p{L}";

    // Full words end the street name; abbreviations may carry their dot ("Main St.").
    private const string Suffix =
        @"(?:Street|Avenue|Road|Lane|Drive|Boulevard|Way|Court|Place|Terrace|Parkway|Circle|Highway|Square|Crescent|Close|Grove|" +
        @"Gardens|Row|Walk|Trail|Plaza|Alley|Mews|Broadway|Expressway|Pike|Loop)\b" +
        @"|(?:St|Ave|Av|Rd|Ln|Dr|Blvd|Ct|Pl|Ter|Pkwy|Cir|Hwy|Sq|Cres|Trl)\b\.?";

    private const string Unit =
        @"(?:,?[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building)\.?[ \t]*#?[A-Za-z0-9\-]{1,6}|,?[ \t]+#[A-Za-z0-9\-]{1,6})?";

    // House number, one to four street-name words, a suffix, an optional direction and unit.
    [GeneratedRegex(
        @"(?<![\w/.\-#])\d{1,5}[A-Z]?[ \t]+(?:(?:\d{1,3}(?:st|nd|rd|th)|" + CapWord + @")[ \t]+){1,4}?(?:" + Suffix + @")" +
        @"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?" + Unit,
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberFirstRegex();

    // "12 rue de la Paix", "8 avenue des Champs-Élysées", "45 boulevard Haussmann".
    [GeneratedRegex(
        @"(?<![\w/.\-#])\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Rr]oute|[Cc]ours)" +
        @"[ \t]+(?:(?:de[ \t]+la|de[ \t]+l'|du|des|de|d')[ \t]*)?" + CapWord + @"(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+)?" + CapWord + @")*",
        RegexOptions.CultureInvariant)]
    private static partial Regex FrenchRegex();

    // "Hauptstraße 12", "Bahnhofstr. 3", "Kerkstraat 12", "Prinsengracht 263", "Berliner Straße 5".
    [GeneratedRegex(
        @"(?<![\w/.\-])(?:\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|allee|platz|straat|laan|plein|gracht|kade|singel|dijk|steeg)" +
        @"|\p{Lu}\p{Ll}+(?:er)?[ \t]+(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse))[ \t]+\d{1,4}[ \t]?[a-z]?(?![\w\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex CompoundStreetRegex();

    // "Calle Mayor 5", "Avenida de América 32", "Via Roma 12", "Rua Augusta 100", "Rue du Marché 14" (Swiss and Belgian style).
    [GeneratedRegex(
        @"(?<![\w/.\-])(?:Calle|C/|Avenida|Avda\.?|Av\.|Paseo|Plaza|Camino|Carrer|Ronda|Travesía|Via|Viale|Piazza|Corso|Rua|Praça|" +
        @"Rue|Avenue|Boulevard|Chemin|Place|Route|Quai)" +
        @"[ \t]+(?:(?:de(?:l|[ \t]+la|[ \t]+las|[ \t]+los)?|del|du|des|de[ \t]+la|de[ \t]+l')[ \t]*)?" + CapWord + @"(?:[ \t]+(?:(?:de|del|la)[ \t]+)?" + CapWord + @")*,?[ \t]+\d{1,4}[ \t]?[A-Za-z]?(?![\w\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex StreetTypeFirstRegex();

    // City with a US state (and ZIP), a UK postcode or Irish Eircode, or a continental postcode before the city.
    [GeneratedRegex(
        @"\G(?:,[ \t]*" + CapWord + @"(?:[ \t]+" + CapWord + @"){0,2},[ \t]*[A-Z]{2}(?:[ \t]+\d{5}(?:-\d{4})?)?(?![\w])" +
        @"|,[ \t]*" + CapWord + @"(?:[ \t]+" + CapWord + @"){0,2}[ \t]+(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[\dW][ \t]?[A-Z\d]{4})(?![\w])" +
        @"|,?[ \t]*\d{4,5}(?:[ \t]?[A-Z]{2})?[ \t]+" + CapWord + @"(?:[ \t]+(?:am|an|der|de|sur|upon|on|" + CapWord + @")){0,3}(?=[\s,.;:!?)]|$))",
        RegexOptions.CultureInvariant)]
    private static partial Regex TailRegex();
}
