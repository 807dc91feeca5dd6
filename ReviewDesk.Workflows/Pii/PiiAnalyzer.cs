namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Runs the recognizers over a text, raises the score of candidates that have a context word
/// nearby, drops those under the threshold and resolves overlaps (higher score wins, then the
/// longer span, then the earlier one). Thread-safe.
/// </summary>
public sealed class PiiAnalyzer
{
    private readonly IReadOnlyList<IPiiRecognizer> _recognizers;

    /// <summary>Creates an analyzer with the given options and recognizers.</summary>
    /// <param name="options">Threshold, boost and enabled types.</param>
    /// <param name="recognizers">The recognizers to run; <see langword="null"/> for the built-in set.</param>
    public PiiAnalyzer(PiiAnalyzerOptions options, IEnumerable<IPiiRecognizer>? recognizers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "Threshold must be between 0 and 1.");
        }

        Options = options;
        _recognizers = (recognizers ?? CreateDefaultRecognizers(options))
            .Where(r => options.IsEnabled(r.EntityType))
            .ToList();
    }

    /// <summary>The options this analyzer runs with.</summary>
    public PiiAnalyzerOptions Options { get; }

    /// <summary>The entity types this analyzer can report.</summary>
    public IReadOnlyList<string> EntityTypes => _recognizers.Select(r => r.EntityType).Distinct().ToList();

    /// <summary>
    /// An analyzer with the built-in recognizers and default options, optionally restricted to
    /// some types: <c>PiiAnalyzer.Create()</c>, <c>PiiAnalyzer.Create(PiiTypes.EmailAddress)</c>.
    /// </summary>
    /// <param name="types">Types to enable; none for all.</param>
    /// <returns>A ready analyzer.</returns>
    public static PiiAnalyzer Create(params string[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var options = new PiiAnalyzerOptions();
        foreach (var type in types)
        {
            options.EnabledTypes.Add(type);
        }

        return new PiiAnalyzer(options);
    }

    /// <summary>The built-in recognizers, one per <see cref="PiiTypes"/> entry.</summary>
    /// <param name="options">Options that tune the recognizers (phone regions).</param>
    /// <returns>New recognizer instances.</returns>
    public static IReadOnlyList<IPiiRecognizer> CreateDefaultRecognizers(PiiAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new EmailRecognizer(),
            new PhoneNumberRecognizer(options.PhoneRegions),
            new CreditCardRecognizer(),
            new IbanRecognizer(),
            new UsSsnRecognizer(),
            new IpAddressRecognizer(),
            new PersonRecognizer(),
            new StreetAddressRecognizer(),
            new DateOfBirthRecognizer(),
        ];
    }

    /// <summary>Finds the personal data in <paramref name="text"/>.</summary>
    /// <param name="text">Any text, such as a ticket subject or body.</param>
    /// <returns>Non-overlapping entities at or above the threshold, ordered by start offset.</returns>
    public IReadOnlyList<PiiEntity> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var candidates = new List<PiiEntity>();
        foreach (var recognizer in _recognizers)
        {
            foreach (var candidate in recognizer.Recognize(text))
            {
                var scored = Boost(text, candidate, recognizer.ContextWords);
                if (scored.Score >= Options.Threshold && scored.Length > 0)
                {
                    candidates.Add(scored);
                }
            }
        }

        return ResolveOverlaps(candidates);
    }

    private PiiEntity Boost(string text, PiiEntity candidate, IReadOnlyCollection<string> contextWords)
    {
        if (candidate.Score >= 1.0 || !ContextScanner.HasNearby(text, candidate.Start, candidate.End, contextWords))
        {
            return candidate;
        }

        return candidate with { Score = Math.Min(1.0, candidate.Score + Options.ContextBoost) };
    }

    private static List<PiiEntity> ResolveOverlaps(List<PiiEntity> candidates)
    {
        candidates.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = b.Length.CompareTo(a.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var byStart = a.Start.CompareTo(b.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.Type, b.Type);
        });

        var kept = new List<PiiEntity>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!kept.Exists(candidate.Overlaps))
            {
                kept.Add(candidate);
            }
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}
