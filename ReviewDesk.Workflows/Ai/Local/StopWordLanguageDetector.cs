using System.Collections.Frozen;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Guesses a ticket's language from stop-word profiles of English, German, French, Spanish,
/// Dutch, Italian and Portuguese. Each word of the text that is a stop word of some languages
/// adds 1/(number of those languages) to each of them, so shared words ("de", "en", "die") count
/// little; the highest score wins, and English wins ties or texts without any stop word.
/// Deterministic and allocation-light; no model to load.
/// </summary>
public static class StopWordLanguageDetector
{
    /// <summary>The language returned when the text gives no evidence.</summary>
    public const string DefaultLanguage = "en";

    // At least this much evidence before a non-English guess: one shared stop word is not enough.
    private const double MinimumEvidence = 1.0;

    private static readonly (string Language, string[] Words)[] Profiles =
    [
        ("en", ["the", "and", "is", "are", "was", "were", "to", "of", "in", "on", "for", "with", "my", "i", "you", "your",
                "it", "this", "that", "have", "has", "not", "can", "don", "didn", "doesn", "please", "but", "we", "our", "be",
                "from", "at", "an", "as", "what", "when", "how", "why", "there", "would", "will", "been", "do", "does", "just",
                "still", "any", "get", "after", "since", "thanks", "hi", "hello", "they", "them", "which", "could", "should",
                "a", "no", "us", "so", "if", "or", "about", "into", "here", "where", "who"]),
        ("de", ["der", "die", "das", "und", "ist", "nicht", "ich", "sie", "wir", "mit", "für", "auf", "ein", "eine", "einen",
                "dem", "den", "des", "bei", "von", "zu", "im", "es", "mein", "meine", "unser", "unsere", "haben", "habe", "hat",
                "kann", "können", "aber", "oder", "wenn", "noch", "seit", "nach", "auch", "wie", "bitte", "danke", "sehr",
                "schon", "keine", "kein", "wurde", "wird", "sind", "dass", "hallo", "heute", "mir", "mich", "uns", "ihr", "ihre"]),
        ("fr", ["le", "la", "les", "et", "est", "je", "vous", "nous", "une", "un", "des", "du", "de", "pour", "pas", "ne",
                "que", "qui", "dans", "sur", "avec", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "ce", "cette", "il",
                "elle", "sont", "ai", "avons", "mais", "ou", "depuis", "merci", "bonjour", "aussi", "plus", "très", "été",
                "j", "d", "l", "qu", "n", "c", "au", "aux", "ça", "toujours", "rien"]),
        ("es", ["el", "la", "los", "las", "y", "es", "que", "de", "en", "un", "una", "por", "para", "con", "no", "mi", "mis",
                "su", "sus", "lo", "al", "del", "se", "me", "pero", "como", "muy", "ya", "hay", "este", "esta", "está", "estoy",
                "tengo", "hemos", "han", "desde", "gracias", "hola", "también", "nuestro", "nuestra", "cuando", "porque",
                "sin", "puedo", "podemos", "nada"]),
        ("nl", ["de", "het", "een", "en", "is", "niet", "ik", "je", "jij", "u", "we", "wij", "mijn", "ons", "onze", "van",
                "voor", "met", "op", "aan", "dat", "die", "dit", "er", "maar", "of", "ook", "nog", "al", "bij", "naar", "heb",
                "hebben", "heeft", "kan", "kunnen", "zijn", "wordt", "werd", "geen", "sinds", "graag", "bedankt", "dank",
                "hallo", "alstublieft", "uw", "om", "te", "wat", "hoe", "waarom", "wel", "nu", "jullie", "wanneer", "welke",
                "kunt", "zou", "moet"]),
        ("it", ["il", "lo", "la", "gli", "le", "e", "è", "di", "che", "non", "un", "una", "per", "con", "su", "mio", "mia",
                "nostro", "nostra", "sono", "ho", "abbiamo", "ma", "anche", "come", "del", "della", "dei", "delle", "al",
                "alla", "questo", "questa", "grazie", "ciao", "buongiorno", "perché", "ancora", "già", "molto", "sempre",
                "da", "dal", "nel", "nella", "posso", "niente", "a"]),
        ("pt", ["o", "a", "os", "as", "e", "é", "de", "do", "da", "dos", "das", "que", "não", "um", "uma", "para", "com",
                "em", "no", "na", "nos", "meu", "minha", "nosso", "nossa", "mas", "por", "como", "muito", "já", "ainda",
                "obrigado", "obrigada", "olá", "está", "estou", "tenho", "temos", "foi", "isso", "este", "esta", "também",
                "quando", "porque", "sem", "você", "nada"]),
    ];

    private static readonly FrozenDictionary<string, (int[] Languages, double Weight)> Index = BuildIndex();

    /// <summary>The languages the detector knows, as ISO 639-1 codes.</summary>
    public static IReadOnlyList<string> Languages { get; } = Profiles.Select(p => p.Language).ToArray();

    /// <summary>The most likely ISO 639-1 language of <paramref name="text"/>; <see cref="DefaultLanguage"/> without evidence.</summary>
    public static string Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultLanguage;
        }

        var scores = new double[Profiles.Length];
        foreach (var word in UrgencyCues.Words(text))
        {
            if (Index.TryGetValue(word, out var entry))
            {
                foreach (var language in entry.Languages)
                {
                    scores[language] += entry.Weight;
                }
            }
        }

        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best != 0 && scores[best] >= MinimumEvidence ? Profiles[best].Language : DefaultLanguage;
    }

    /// <summary>Whether <paramref name="word"/> (lower case) is a stop word of any known language.</summary>
    internal static bool IsStopWord(string word) => Index.ContainsKey(word);

    private static FrozenDictionary<string, (int[] Languages, double Weight)> BuildIndex()
    {
        var languagesByWord = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < Profiles.Length; i++)
        {
            foreach (var word in Profiles[i].Words)
            {
                if (!languagesByWord.TryGetValue(word, out var set))
                {
                    languagesByWord[word] = set = [];
                }

                set.Add(i);
            }
        }

        return languagesByWord.ToFrozenDictionary(
            kv => kv.Key, kv => (kv.Value.ToArray(), 1.0 / kv.Value.Count), StringComparer.Ordinal);
    }
}
