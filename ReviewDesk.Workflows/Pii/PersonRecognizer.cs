using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds people's names from the cues support tickets give: honorifics ("Mr. Okafor",
/// "Frau Wagner"), introductions ("my name is …", "this is …", "me llamo …"), greetings
/// ("Hi Sarah,"), sign-offs ("Thanks,\nJane Doe", "Regards, John", "— Ben") and labels
/// ("Name: …", "Account holder: …"); and, without a cue, a given name from an embedded list
/// followed by a capitalised surname. A lone given name scores low and needs a context word
/// ("my wife Emily", "spoke with Ahmed"). The span is the name alone, without honorific.
/// </summary>
public sealed partial class PersonRecognizer : IPiiRecognizer
{
    private const string FirstNamesResource = "ReviewDesk.Workflows.Pii.first-names.txt";

    private static readonly Lazy<FrozenSet<string>> EmbeddedFirstNames = new(LoadEmbeddedFirstNames);

    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "wife", "husband", "son", "daughter", "mother", "father", "mom", "mum", "dad", "brother", "sister", "partner",
        "colleague", "manager", "boss", "technician", "agent", "spoke", "speak", "talked", "ask", "asked", "contact",
        "called", "named", "assigned", "customer", "client", "reseller", "accountant", "owner", "requester", "employee",
        "forward", "tell", "kollege", "kollegin", "ansprechpartner", "kunde", "kundin", "collègue", "client", "cliente",
        "compañero", "compañera", "contacto", "collega", "klant", "frau", "herr", "holder", "esposa", "esposo", "marido",
        "mujer", "hijo", "hija", "madre", "padre", "femme", "mari", "fils", "fille", "mère", "père", "mann", "sohn",
        "tochter", "mutter", "vater", "vrouw", "zoon", "dochter", "moeder", "vader", "chef", "chefin", "jefe", "jefa",
    };

    // Capitalised words that follow a name cue or a given name without being a name.
    private static readonly FrozenSet<string> NotNames = new[]
    {
        "Support", "Team", "Teams", "Customer", "Customers", "Service", "Sir", "Madam", "All", "There", "Everyone",
        "Folks", "Guys", "Friends", "Colleagues", "Inc", "Ltd", "LLC", "GmbH", "AG", "Street", "Road", "Avenue", "Lane",
        "The", "This", "That", "Thanks", "Thank", "Please", "Hello", "Hi", "Dear", "Regards", "Best", "Sent", "From",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "July", "September", "October", "November", "December", "Head", "Senior", "Junior", "Manager", "Director",
        "Operations", "Sales", "Billing", "Finance", "Admin", "Administrator", "Accounts", "Payable", "Success",
        "Kundenservice", "Kundendienst", "Service", "Équipe", "Equipo", "Servicio", "Klantenservice", "Ticket",
        "Order", "Invoice", "Account", "Urgent", "Update", "Sorry", "Again", "Here", "Also", "Yes", "No", "Ok", "Okay",
        "Happy", "Good", "Great", "Not", "Just", "Still", "Sure", "Glad", "Back", "Writing", "Calling", "Looking",
        "Damen", "Herren", "Madame", "Monsieur", "Mesdames", "Messieurs", "Señores", "Heer", "Mevrouw",
        "Zeit", "Tag", "Morgen", "Abend", "Jour", "Días", "Tardes",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Particles = new[]
    {
        "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "ten", "ter", "dos", "das", "zu", "bin", "al", "el",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenSet<string> _firstNames;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstNamesBySpan;
    private readonly bool _spanLookup;

    /// <summary>Creates a recognizer with the embedded list of given names.</summary>
    public PersonRecognizer()
        : this(EmbeddedFirstNames.Value)
    {
    }

    /// <summary>Creates a recognizer with a custom list of given names.</summary>
    /// <param name="firstNames">Given names, as capitalised in text.</param>
    public PersonRecognizer(IEnumerable<string> firstNames)
    {
        ArgumentNullException.ThrowIfNull(firstNames);
        _firstNames = firstNames as FrozenSet<string> ?? firstNames.ToFrozenSet(StringComparer.Ordinal);

        // A frozen set handed in keeps its own comparer; one that cannot compare a span with a string is asked with strings.
        _spanLookup = _firstNames.TryGetAlternateLookup<ReadOnlySpan<char>>(out _firstNamesBySpan);
    }

    /// <summary>Number of given names the recognizer knows.</summary>
    public int FirstNameCount => _firstNames.Count;

    /// <inheritdoc />
    public string EntityType => PiiTypes.Person;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<PiiEntity>();

        foreach (Match m in HonorificRegex().Matches(text))
        {
            AddName(text, m.Index + m.Length, 0.85, NameRule.Any, candidates);
        }

        foreach (Match m in StrongIntroRegex().Matches(text))
        {
            AddName(text, m.Index + m.Length, 0.85, NameRule.Any, candidates);
        }

        foreach (Match m in WeakIntroRegex().Matches(text))
        {
            AddName(text, m.Index + m.Length, 0.85, NameRule.KnownFirstOrIntroduced, candidates);
        }

        foreach (Match m in GreetingRegex().Matches(text))
        {
            AddName(text, m.Index + m.Length, 0.8, NameRule.EndsClause, candidates);
        }

        foreach (Match m in SignOffRegex().Matches(text))
        {
            AddName(text, m.Index + m.Length, 0.85, NameRule.EndsLine, candidates);
        }

        foreach (Match m in DashSignOffRegex().Matches(text))
        {
            // A hyphen also starts list items ("- Printer"), so after one the name must be a known given name.
            var rule = text[m.Index] == '-' ? NameRule.KnownFirstEndsLine : NameRule.EndsLine;
            AddName(text, m.Index + m.Length, 0.75, rule, candidates);
        }

        // Every capitalised word is looked up: by its characters in the text, not as a new string.
        foreach (var m in NameTokenRegex().EnumerateMatches(text))
        {
            if (IsFirstName(text.AsSpan(m.Index, m.Length)) && IsWordStart(text, m.Index))
            {
                AddGivenName(text, m.Index, candidates);
            }
        }

        return Resolve(candidates);
    }

    private bool IsFirstName(ReadOnlySpan<char> token) =>
        _spanLookup ? _firstNamesBySpan.Contains(token) : _firstNames.Contains(token.ToString());

    private enum NameRule
    {
        Any,
        KnownFirstOrIntroduced,
        EndsClause,
        EndsLine,
        KnownFirstEndsLine,
    }

    private void AddName(string text, int position, double score, NameRule rule, List<PiiEntity> candidates)
    {
        // A greeting or sign-off may be followed by an honorific: "Dear Mrs. Patel", "Dr. Stefan Braun".
        var honorific = HonorificAtRegex().Match(text, position);
        if (honorific.Success)
        {
            position = honorific.Index + honorific.Length;
        }

        if (!TryReadName(text, position, out var start, out var end, out var tokens))
        {
            return;
        }

        var ok = rule switch
        {
            NameRule.KnownFirstOrIntroduced => _firstNames.Contains(tokens[0])
                || (tokens.Count >= 2 && IntroducedRegex().IsMatch(text.AsSpan(end))),
            NameRule.KnownFirstEndsLine => _firstNames.Contains(tokens[0]) && EndsLine(text, end),
            NameRule.EndsClause => EndsClause(text, end),
            NameRule.EndsLine => EndsLine(text, end),
            _ => true,
        };
        if (ok)
        {
            candidates.Add(new PiiEntity(EntityType, start, end, text[start..end], score));
        }
    }

    private void AddGivenName(string text, int position, List<PiiEntity> candidates)
    {
        if (!TryReadName(text, position, out var start, out var end, out var tokens))
        {
            return;
        }

        if (tokens.Count >= 2)
        {
            candidates.Add(new PiiEntity(EntityType, start, end, text[start..end], 0.7));
            return;
        }

        // "Chris here." introduces the writer; otherwise a lone given name needs context.
        var here = text.AsSpan(end).StartsWith(" here", StringComparison.Ordinal);
        candidates.Add(new PiiEntity(EntityType, start, end, text[start..end], here ? 0.8 : 0.45));
    }

    /// <summary>Reads one to four capitalised name tokens (with particles such as "de", "van") at <paramref name="position"/>.</summary>
    private bool TryReadName(string text, int position, out int start, out int end, out List<string> tokens)
    {
        tokens = [];
        start = position;
        end = position;
        var first = NameTokenAtRegex().Match(text, position);
        if (!first.Success || NotNames.Contains(first.Value) || !IsWordStart(text, first.Index))
        {
            return false;
        }

        start = first.Index;
        end = first.Index + first.Length;
        tokens.Add(first.Value);
        while (tokens.Count < 4)
        {
            var next = NextTokenRegex().Match(text, end);
            if (!next.Success)
            {
                break;
            }

            var particles = next.Groups["particles"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var token = next.Groups["token"].Value;
            if (NotNames.Contains(token) || !particles.All(Particles.Contains) || !IsWordEnd(text, next.Index + next.Length))
            {
                break;
            }

            tokens.Add(token);
            end = next.Index + next.Length;
        }

        return IsWordEnd(text, end);
    }

    private static bool IsWordStart(string text, int index) =>
        index == 0 || !(char.IsLetterOrDigit(text[index - 1]) || text[index - 1] is '@' or '.' or '_' or '-' or '/');

    private static bool IsWordEnd(string text, int index) =>
        index >= text.Length
        || !(char.IsLetterOrDigit(text[index]) || text[index] is '@' or '_'
            || (text[index] is '.' or '-' && index + 1 < text.Length && char.IsLetterOrDigit(text[index + 1])));

    private static bool EndsClause(string text, int end)
    {
        var rest = text.AsSpan(end).TrimStart(' ');
        return rest.IsEmpty || rest[0] is ',' or '!' or ':' or '\n' or '\r' or '.' or ';' or '—' or '–';
    }

    private static bool EndsLine(string text, int end)
    {
        var rest = text.AsSpan(end).TrimStart(" \t");
        return rest.IsEmpty || rest[0] is '\n' or '\r' or ',' or '|' or '(' || (rest[0] == '.' && rest.Length == 1);
    }

    private static List<PiiEntity> Resolve(List<PiiEntity> candidates)
    {
        var kept = new List<PiiEntity>();
        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenByDescending(c => c.Length).ThenBy(c => c.Start))
        {
            if (!kept.Exists(c.Overlaps))
            {
                kept.Add(c);
            }
        }

        return kept;
    }

    private static FrozenSet<string> LoadEmbeddedFirstNames()
    {
        using var stream = typeof(PersonRecognizer).Assembly.GetManifestResourceStream(FirstNamesResource)
            ?? throw new InvalidOperationException($"Embedded resource {FirstNamesResource} is missing.");
        using var reader = new StreamReader(stream);
        var names = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line);
            }
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }

    private const string Token = @"\p{Lu}(?:\p{Ll}+(?:\p{Lu}\p{Ll}+)?|['’]\p{Lu}\p{Ll}+)(?:[-'’]\p{Lu}?\p{Ll}+)*";

    private const string Honorifics =
        @"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Hr\.|Fr\.|Monsieur|Madame|Mme|Mlle|Señor|Señora|Sr|Sra|Srta|Doña|Dhr|Mevr|Mevrouw|Meneer|Signor|Signora|Sig";

    [GeneratedRegex(Token, RegexOptions.CultureInvariant)]
    private static partial Regex NameTokenRegex();

    // What follows a full name in "I'm Wei Zhang from the Shanghai office", "this is Ana Silva here".
    [GeneratedRegex(@"^(?: (?:from|at|of|with|here|in|and)\b|[,.!;:]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex IntroducedRegex();

    [GeneratedRegex(@"\G[ \t]*" + Token, RegexOptions.CultureInvariant)]
    private static partial Regex NameTokenAtRegex();

    [GeneratedRegex(@"\G(?<particles>(?: (?:\p{Ll}+|d'|l'))*) (?<token>" + Token + ")", RegexOptions.CultureInvariant)]
    private static partial Regex NextTokenRegex();

    [GeneratedRegex(@"(?<![\p{L}.])(?:" + Honorifics + @")(?:\.|\b)[ \t]+(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex HonorificRegex();

    [GeneratedRegex(@"\G[ \t]*(?:" + Honorifics + @")(?:\.|\b)[ \t]+(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex HonorificAtRegex();

    [GeneratedRegex(
        @"\b(?:my\s+name\s+is|my\s+name's|mein\s+name\s+ist|ich\s+heiße|je\s+m'appelle|me\s+llamo|mi\s+nombre\s+es|mijn\s+naam\s+is|ik\s+heet|" +
        @"(?:full\s+)?name|nombre|nom|naam|account\s+holder|kontoinhaber(?:in)?|titular|requester|contact\s+person|ansprechpartner(?:in)?)\s*:?[ \t]+(?=\p{Lu})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongIntroRegex();

    [GeneratedRegex(
        @"\b(?:this\s+is|it's|it\s+is|i\s+am|i'm|here\s+is|ich\s+bin|je\s+suis|moi\s+c'est|soy|ik\s+ben|sono)[ \t]+(?=\p{Lu})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeakIntroRegex();

    [GeneratedRegex(
        @"(?<!\p{L})(?:Hi|Hello|Hey|Dear|Hallo|Hola|Bonjour|Salut|Hoi|Beste|Liebe|Lieber|Sehr\s+geehrte[rs]?|Estimad[oa]|Querid[oa]|Cher|Chère|" +
        @"Good\s+(?:morning|afternoon|evening)|Guten\s+(?:Tag|Morgen)|Buenos\s+días|Buenas\s+tardes|Goedemiddag|Goedemorgen|Ciao|Caro|Cara)[ \t]+(?=\p{Lu})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GreetingRegex();

    [GeneratedRegex(
        @"(?<!\p{L})(?:thanks(?:\s+a\s+lot|\s+in\s+advance|\s+again)?|thank\s+you|many\s+thanks|(?:best|kind|warm|warmest|kindest)\s+regards|regards|" +
        @"best\s+wishes|best|cheers|sincerely|yours\s+(?:sincerely|truly|faithfully)|respectfully|" +
        @"mit\s+freundlichen\s+grüßen|freundliche\s+grüße|viele\s+grüße|beste\s+grüße|liebe\s+grüße|grüße|gruß|mfg|danke|" +
        @"cordialement|bien\s+cordialement|bien\s+à\s+vous|salutations|merci|" +
        @"saludos(?:\s+cordiales)?|un\s+saludo|atentamente|gracias|" +
        @"met\s+vriendelijke\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|groeten|groet|bedankt|cordiali\s+saluti|grazie)" +
        @"[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*){0,2}(?=[ \t]*(?:(?:" + Honorifics + @")\.?[ \t]+)?\p{Lu})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignOffRegex();

    [GeneratedRegex(@"(?<=^|\s)(?:[—–]{1,2}|-{1,2})[ \t]*(?=\p{Lu})", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex DashSignOffRegex();
}
