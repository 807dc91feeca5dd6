using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// Urgency and impact features for the priority head of the semantic model: the four
/// <see cref="UrgencyCues"/> groups, seven word groups from the priority definitions (many people
/// affected, work stopped, a deadline, money taken, a repeat contact, a mere question or wish,
/// legal or safety risk), and four patterns (a count of people, a clock time, an exclamation
/// mark, question marks). Each feature is in [0, 1]; the model learns their weights.
/// </summary>
internal static partial class ImpactCues
{
    private const int WordGroupCount = 7;
    private const int PatternCount = 4;

    /// <summary>The length of the feature vector.</summary>
    public const int Count = UrgencyCues.GroupCount + WordGroupCount + PatternCount;

    private static readonly string[][] Groups =
    [
        // many people affected
        ["all", "every", "everybody", "entire", "whole", "team", "company", "employees", "staff", "users", "customers", "members",
         "colleagues", "clients", "patients", "drivers", "students", "agents", "stores", "shops", "offices", "organisation",
         "organization", "mitarbeiter", "kunden", "firma", "employés", "équipe", "empleados", "clientes", "equipo", "empresa",
         "medewerkers", "klanten", "bedrijf"],
        // work stopped
        ["stopped", "standstill", "blocked", "unusable", "halted", "frozen", "read", "cannot", "can't", "cant", "unable",
         "impossible", "nothing", "stuck", "dead", "completely", "totally", "kann", "nicht", "geht", "bloqué", "imposible",
         "bloqueado", "werkt", "niet"],
        // a deadline, time pressure
        ["today", "tonight", "tomorrow", "hour", "hours", "minutes", "deadline", "meeting", "launch", "event", "flight", "morning",
         "monday", "friday", "weekend", "heute", "morgen", "stunde", "aujourd", "demain", "heure", "hoy", "mañana", "hora",
         "vandaag", "uur"],
        // money taken
        ["charged", "fraudulently", "twice", "double", "debited", "taken", "overcharged", "deducted", "withdrawn", "€", "$", "£",
         "eur", "usd", "gbp", "abgebucht", "doppelt", "débité", "deux", "cobrado", "dos", "veces", "afgeschreven", "dubbel"],
        // a repeat contact on an unresolved issue
        ["again", "still", "third", "second", "already", "weeks", "reply", "response", "answer", "ignored", "chased", "ticket",
         "noch", "wieder", "toujours", "encore", "todavía", "otra", "nog", "weer"],
        // a question, suggestion or nice-to-have (the P4 side)
        ["wondering", "curious", "suggest", "suggestion", "idea", "feature", "would", "could", "possible", "nice", "love", "thanks",
         "thank", "question", "how", "does", "plan", "pricing", "roadmap", "info", "information", "frage", "pregunta", "vraag",
         "wäre", "serait", "sería"],
        // legal or safety risk
        ["lawyer", "medical", "oxygen", "hospital", "alarm", "siren", "sirens", "clinic", "health", "life", "legal", "court",
         "police", "sue", "fire", "smoke", "burn", "burning", "injury", "injured", "overheating", "overheated", "dangerous",
         "safety", "shock", "spark", "sparks", "anwalt", "polizei", "avocat", "abogado", "advocaat", "politie"],
    ];

    private static readonly FrozenDictionary<string, int[]> WordGroups = Groups
        .SelectMany((words, group) => words.Select(word => (word, group)))
        .GroupBy(p => p.word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.group).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>A short hash of the word lists: part of the model cache key.</summary>
    public static string Fingerprint { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            UrgencyCues.Fingerprint + string.Join('\n', Groups.Select(g => string.Join(',', g))))))[..8];

    /// <summary>The features of <paramref name="text"/> (the composed model text).</summary>
    public static float[] Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = new float[Count];
        UrgencyCues.Count(text).CopyTo(features, 0);
        var offset = UrgencyCues.GroupCount;
        foreach (var word in UrgencyCues.Words(text))
        {
            if (WordGroups.TryGetValue(word, out var groups))
            {
                foreach (var group in groups)
                {
                    // Three hits say as much as ten.
                    features[offset + group] = Math.Min(1f, features[offset + group] + (1f / 3));
                }
            }
        }

        offset += WordGroupCount;
        features[offset] = ManyPeople().IsMatch(text) ? 1 : 0;
        features[offset + 1] = ClockTime().IsMatch(text) ? 1 : 0;
        features[offset + 2] = text.Contains('!', StringComparison.Ordinal) ? 1 : 0;
        features[offset + 3] = Math.Min(text.Count(c => c == '?') / 2f, 1f);
        return features;
    }

    [GeneratedRegex(@"\b(\d{2,6}k?)\s+(?:\w+\s+)?(employees|users|people|staff|customers|members|drivers|patients|students|agents|seats|locations|stores|devices|mitarbeiter|personnes|employés|empleados|usuarios|medewerkers)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ManyPeople();

    [GeneratedRegex(@"\b([01]?\d|2[0-3])[:.h][0-5]\d\b|\b\d{1,2}\s?(am|pm)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();
}
