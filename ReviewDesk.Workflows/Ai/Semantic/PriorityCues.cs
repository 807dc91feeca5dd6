using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// Impact and urgency features that the semantic model's priority head reads beside the
/// <see cref="ImpactCues"/>: nine word groups counted with negation in mind (an outage, an
/// emergency, a compromise or data loss word within three words after "not", "no", "n't", "nicht",
/// "pas", "niet" ... does not count), and eight patterns: a calm phrase ("no rush", "not urgent"),
/// the size of a count of people (log-scaled), the size of an amount of money (log-scaled),
/// "all of our / nobody can", a deadline ("by Friday", "before tomorrow"), a matter of hours
/// ("within 2 hours", "this morning", "right now"), the text's length and a shouted word. Each
/// feature is in [0, 1].
/// </summary>
internal static partial class PriorityCues
{
    private const int NegationWindow = 3;

    // Groups 0 to 3 are the ones a negation cancels ("not urgent", "nothing was lost").
    private const int LastNegatableGroup = 3;

    private static readonly FrozenSet<string> Negators = FrozenSet.ToFrozenSet(
        ["not", "no", "never", "t", "without", "nicht", "kein", "keine", "keinen", "pas", "jamais", "sin", "nunca", "niet", "geen", "nie", "hardly"],
        StringComparer.Ordinal);

    private static readonly string[][] Groups =
    [
        // 0: outage, work stopped
        ["outage", "down", "offline", "unavailable", "unreachable", "inaccessible", "502", "503", "500", "everyone", "nobody",
         "entire", "whole", "stopped", "production", "komplett", "ausfall", "niemand", "panne", "personne",
         "caída", "caido", "caído", "nadie", "storing", "iedereen", "onbereikbaar", "standstill", "halted", "dead", "crashed", "crashing"],
        // 1: explicit emergency
        ["urgent", "urgently", "asap", "immediately", "emergency", "critical", "dringend", "sofort", "notfall",
         "immédiatement", "urgence", "urgente", "inmediatamente", "meteen", "spoed", "severe", "serious"],
        // 2: a third party, compromise, fraud
        ["someone", "somebody", "jemand", "quelqu", "alguien", "iemand", "hacked", "hackers", "hacker", "breach", "unauthorised", "unauthorized",
         "fraud", "fraudulent", "compromised", "ransomware", "attacker", "stolen", "leaked", "malicious", "gehackt", "betrug", "betrügerisch",
         "fremder", "piraté", "frauduleuses", "frauduleux", "fraude", "hackeado", "robado", "overgenomen", "gestolen", "exposed", "takeover"],
        // 3: data loss
        ["lost", "gone", "deleted", "wiped", "disappeared", "corrupted", "overwritten", "erased", "verloren", "gelöscht",
         "beschädigt", "perdu", "perdues", "supprimé", "supprimés", "perdido", "perdidos", "borrado", "borrados", "kwijt", "verwijderd", "missing"],
        // 4: a security surface without damage (phishing, 2FA prompts, a report)
        ["phishing", "suspicious", "2fa", "mfa", "password", "vulnerability", "xss", "injection", "csrf", "login", "logged", "sign", "prompts",
         "verdächtig", "suspect", "sospechoso", "verdacht"],
        // 5: business impact
        ["revenue", "sales", "losing", "checkout", "payroll", "orders", "customers", "clients", "store", "shop", "live", "launch", "payments",
         "umsatz", "ventas", "omzet"],
        // 6: a repeat contact, an escalation
        ["again", "still", "third", "second", "already", "weeks", "ignored", "chased", "nobody", "escalate", "unacceptable", "wieder",
         "toujours", "encore", "todavía", "weer", "nog"],
        // 7: a question, a wish, feedback (the P4 side)
        ["wondering", "curious", "suggest", "suggestion", "idea", "feature", "would", "nice", "love", "question", "how", "plan", "pricing",
         "roadmap", "info", "information", "frage", "pregunta", "vraag", "wäre", "serait", "sería", "feedback", "compliment", "thanks"],
        // 8: happening now
        ["now", "currently", "right", "since", "ahora", "jetzt", "maintenant", "nu", "still"],
    ];

    private const int PatternCount = 8;

    /// <summary>The length of the feature vector.</summary>
    public const int Count = 9 + PatternCount;

    private static readonly FrozenDictionary<string, int[]> WordGroups = Groups
        .SelectMany((words, group) => words.Select(word => (word, group)))
        .GroupBy(p => p.word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.group).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>A short hash of the word lists and patterns: part of the model cache key.</summary>
    public static string Fingerprint { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            Groups.Select(g => string.Join(',', g)).Concat(Negators.Order(StringComparer.Ordinal))
                .Concat([Calm().ToString(), PeopleCount().ToString(), MoneyBefore().ToString(), MoneyAfter().ToString(),
                    AllOf().ToString(), Deadline().ToString(), WithinHours().ToString(), Shouted().ToString()])))))[..8];

    /// <summary>The features of <paramref name="text"/> (the composed model text).</summary>
    public static float[] Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = new float[Count];
        var words = UrgencyCues.Words(text).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!WordGroups.TryGetValue(words[i], out var groups))
            {
                continue;
            }

            var negated = false;
            for (var k = Math.Max(0, i - NegationWindow); k < i && !negated; k++)
            {
                negated = Negators.Contains(words[k]);
            }

            foreach (var group in groups)
            {
                if (!(negated && group <= LastNegatableGroup))
                {
                    // Three hits say as much as ten.
                    features[group] = Math.Min(1f, features[group] + (1f / 3));
                }
            }
        }

        var offset = Groups.Length;
        features[offset] = Calm().IsMatch(text) ? 1 : 0;
        features[offset + 1] = Magnitude(PeopleCount(), text, 4);
        features[offset + 2] = Math.Max(Magnitude(MoneyBefore(), text, 5), Magnitude(MoneyAfter(), text, 5));
        features[offset + 3] = AllOf().IsMatch(text) ? 1 : 0;
        features[offset + 4] = Deadline().IsMatch(text) ? 1 : 0;
        features[offset + 5] = WithinHours().IsMatch(text) ? 1 : 0;
        features[offset + 6] = Math.Min(1f, text.Length / 1500f);
        features[offset + 7] = Shouted().IsMatch(text) ? 1 : 0;
        return features;
    }

    /// <summary>The largest matched number as log10(n + 1) / <paramref name="scale"/>, capped at 1 ("3k" is 3000).</summary>
    private static float Magnitude(Regex pattern, string text, double scale)
    {
        var best = 0.0;
        foreach (Match match in pattern.Matches(text))
        {
            var digits = match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            if (!double.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            if (match.Groups["k"].Success && match.Groups["k"].Length > 0)
            {
                number *= 1000;
            }

            best = Math.Max(best, Math.Min(1, Math.Log10(number + 1) / scale));
        }

        return (float)best;
    }

    [GeneratedRegex(@"\b(no rush|not urgent|no hurry|whenever|when you get a chance|when you have time|low priority|just curious|no big deal|not a big deal|nothing urgent|kein stress|keine eile|nicht dringend|pas urgent|rien d'urgent|sin prisa|no es urgente|geen haast|niet dringend)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Calm();

    [GeneratedRegex(@"\b(?<n>\d[\d,.]*)\s?(?<k>k)?\s+(?:\w+\s+){0,2}(employees|users|people|staff|customers|members|drivers|patients|students|agents|seats|locations|stores|devices|accounts|mitarbeiter|nutzer|personnes|employés|utilisateurs|empleados|usuarios|medewerkers|gebruikers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeopleCount();

    [GeneratedRegex(@"[€$£]\s?(?<n>\d[\d,.]*)(?<k>k)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyBefore();

    [GeneratedRegex(@"\b(?<n>\d[\d,.]*)(?<k>k)?\s?(€|eur|euros?|usd|dollars?|gbp|pounds)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyAfter();

    [GeneratedRegex(@"\b(all (of )?(our|my|the) |none of (our|my|the) |nobody (can|is able)|no one (can|is able)|every (single )?(one|user|customer)|entire (team|company|site|office|store))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllOf();

    [GeneratedRegex(@"\b(deadline|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|end of|eod|\d)|before (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|the|our|my|\d)|due (on|by|tomorrow|today)|bis (morgen|montag|freitag)|avant (demain|lundi|vendredi)|antes de|vóór|voor morgen)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\b(in|within|next|for|past|last)\s+(\d+|an?|one|two|few)\s+(hours?|minutes?|mins?)\b|\bthis (morning|afternoon|evening)\b|\btoday\b|\btonight\b|\bright now\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithinHours();

    [GeneratedRegex(@"\b[A-Z]{4,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Shouted();
}
