using System.Collections.Frozen;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Word groups that signal a P1 ticket by the label definition (an outage that stops work, an
/// active compromise or fraud, data loss, an explicit emergency), in the languages of the data.
/// The priority model gets one count per group as extra features and learns their weight from
/// the labelled data, so the lists pool rare synonyms rather than override the model.
/// </summary>
internal static class UrgencyCues
{
    /// <summary>Number of groups (the length of the feature vector).</summary>
    public const int GroupCount = 4;

    /// <summary>The index of the compromise and fraud group (hacked, unauthorised, someone, ...).</summary>
    public const int CompromiseGroup = 2;

    // Counting stops here: ten "urgent"s say no more than three.
    private const int MaxCountPerGroup = 3;

    private static readonly FrozenDictionary<string, int> WordGroup = BuildWordGroups(
        // 0: outage, everyone blocked
        ["outage", "down", "offline", "unavailable", "unreachable", "inaccessible", "502", "503", "500", "everyone", "nobody",
         "entire", "whole", "stopped", "production", "komplett", "ausfall", "niemand", "alle", "panne", "personne", "tous",
         "caída", "caido", "caído", "nadie", "ninguno", "todos", "storing", "iedereen", "onbereikbaar"],
        // 1: explicit emergency
        ["urgent", "urgently", "asap", "immediately", "emergency", "critical", "now", "dringend", "sofort", "notfall",
         "immédiatement", "urgence", "vite", "urgente", "inmediatamente", "ahora", "direct", "meteen", "spoed"],
        // 2: compromise, fraud ("someone" logged in, ordered, changed ...: a third party)
        ["someone", "somebody", "jemand", "quelqu", "alguien", "iemand", "hacked", "hackers", "hacker", "breach", "unauthorised", "unauthorized", "fraud", "fraudulent", "compromised",
         "ransomware", "attacker", "stolen", "leaked", "malicious", "gehackt", "betrug", "betrügerisch", "fremder",
         "piraté", "frauduleuses", "frauduleux", "fraude", "hackeado", "robado", "overgenomen", "gestolen"],
        // 3: data loss
        ["lost", "gone", "deleted", "wiped", "disappeared", "corrupted", "overwritten", "erased", "verloren", "gelöscht",
         "beschädigt", "perdu", "perdues", "supprimé", "supprimés", "perdido", "perdidos", "borrado", "borrados",
         "kwijt", "verwijderd"]);

    /// <summary>Cue words per group in <paramref name="text"/> (case-insensitive, whole words), as count / 3 capped at 1.</summary>
    public static float[] Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new int[GroupCount];
        foreach (var word in Words(text))
        {
            if (WordGroup.TryGetValue(word, out var group))
            {
                counts[group]++;
            }
        }

        return counts.Select(c => Math.Min(c, MaxCountPerGroup) / (float)MaxCountPerGroup).ToArray();
    }

    /// <summary>A short hash of the word lists: part of the model cache key, since the lists shape the features.</summary>
    public static string Fingerprint { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', WordGroup.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{kv.Value}")))))[..8];

    /// <summary>Lower-cased runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static FrozenDictionary<string, int> BuildWordGroups(params string[][] groups)
    {
        if (groups.Length != GroupCount)
        {
            throw new InvalidOperationException($"UrgencyCues has {groups.Length} groups but GroupCount is {GroupCount}.");
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var word in groups[g])
            {
                map.TryAdd(word, g);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
