using System.Collections.Frozen;
using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// The local model's text features for ASCII text, computed directly from the trained featurizer's vocabulary instead of
/// through ML.NET's transform chain, which spends most of a classification on its own machinery (about 45 µs of a
/// ticket's 62 µs; <c>local-bench</c>). It gives the same vector as the <c>FeaturizeText</c> stage the trainer configures
/// (<see cref="LocalModelTrainer"/>: lower case, punctuation and digits kept, word 1-2-grams and character 3-grams, term
/// frequencies, each block L2-normalised, character block first), read from that stage's slot names:
/// <list type="bullet">
/// <item>normalisation: an ASCII letter is lowered; every other ASCII character is kept (diacritics exist only outside ASCII);</item>
/// <item>words: the text split at spaces, empty pieces dropped; a word unknown to the vocabulary breaks the bigrams around it;</item>
/// <item>characters: the whole normalised text between a start mark (U+0002) and an end mark (U+0003), every three in a row.</item>
/// </list>
/// Text with a character outside ASCII, or a vertical bar (the slot names' separator), is not handled (<see cref="TryFeaturize"/>
/// returns false) and goes through ML.NET. <see cref="LocalModel"/> checks the two against each other on a set of texts when it
/// loads a model, and uses this one only if they agree (<c>AsciiTextFeaturizerTests</c> holds them to it on every training and demo
/// ticket, and on generated texts).
/// </summary>
internal sealed class AsciiTextFeaturizer
{
    private const string CharPrefix = "Char.";
    private const string WordPrefix = "Word.";
    private const string NonAsciiName = "\\u4X";
    private const char StartMark = '\u0002';
    private const char EndMark = '\u0003';

    private readonly int _length;
    private readonly int _wordOffset;
    /// <summary>An ASCII character's place in the trigrams' alphabet, from 1; 0 for a character no trigram holds.</summary>
    private readonly byte[] _alphabet;
    private readonly int _alphabetSize;
    /// <summary>A character trigram's slot plus one (0: not in the vocabulary), indexed by its three characters' places.</summary>
    private readonly ushort[] _trigramSlots;
    /// <summary>A word's slot, looked up by the characters in the text (no string per word).</summary>
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _unigramLookup;
    private readonly FrozenDictionary<(int, int), int> _bigrams;

    private AsciiTextFeaturizer(int length, int wordOffset, List<(char A, char B, char C, int Slot)> trigrams, Dictionary<string, int> unigrams,
        FrozenDictionary<(int, int), int> bigrams)
    {
        _length = length;
        _wordOffset = wordOffset;

        // The table is as small as the alphabet allows (66 characters and the marks for the shipped training set: 0.6 MB,
        // not the 4 MB of all of ASCII), since most lookups miss and each miss would otherwise be a cache miss too.
        _alphabet = new byte[128];
        foreach (var ch in trigrams.SelectMany(t => new[] { t.A, t.B, t.C }).Distinct().Order())
        {
            _alphabet[ch] = (byte)++_alphabetSize;
        }

        _alphabetSize++;
        _trigramSlots = new ushort[_alphabetSize * _alphabetSize * _alphabetSize];
        foreach (var (a, b, c, slot) in trigrams)
        {
            _trigramSlots[Index(_alphabet[a], _alphabet[b], _alphabet[c])] = (ushort)(slot + 1);
        }

        _unigramLookup = unigrams.GetAlternateLookup<ReadOnlySpan<char>>();
        _bigrams = bigrams;
    }

    /// <summary>
    /// Reads the vocabulary from the featurizer's slot names; null when they are not laid out as this class expects (then
    /// ML.NET featurizes every text). A character trigram holding a vertical bar means some training text had one, so a word
    /// may hold one too and a word slot's bar could belong to the word rather than separate a bigram: such a model gets null.
    /// </summary>
    public static AsciiTextFeaturizer? TryCreate(VBuffer<ReadOnlyMemory<char>> slotNames, out string? reason)
    {
        reason = null;
        var names = slotNames.DenseValues().Select(n => n.ToString()).ToList();
        var trigrams = new List<(char A, char B, char C, int Slot)>();
        var seen = new HashSet<(char, char, char)>();
        var unigramSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigramNames = new List<(string First, string Second, int Slot)>();
        var wordOffset = -1;
        var charSlots = 0;
        for (var slot = 0; slot < names.Count; slot++)
        {
            var name = names[slot];
            if (name.StartsWith(CharPrefix, StringComparison.Ordinal))
            {
                // Character slots come first, as a block. A trigram with a character ML.NET writes as "\u4X" (outside ASCII,
                // and several share that name) never matches ASCII text, so it is left out.
                charSlots++;
                if (wordOffset >= 0) return Fail(out reason, $"character slot {slot} ({name}) follows a word slot");
                if (name.Contains(NonAsciiName, StringComparison.Ordinal)) continue;
                if (!TryParseTrigram(name.AsSpan(CharPrefix.Length), out var a, out var b, out var c)) return Fail(out reason, $"character slot {slot} ({name}) is unreadable");
                if (a == '|' || b == '|' || c == '|') return Fail(out reason, "a training text holds a vertical bar");
                if (!char.IsAscii(a) || !char.IsAscii(b) || !char.IsAscii(c)) continue;
                if (slot >= ushort.MaxValue) return Fail(out reason, $"the character block has more than {ushort.MaxValue - 1} slots");
                if (!seen.Add((a, b, c))) return Fail(out reason, $"character slot {slot} ({name}) is repeated");
                trigrams.Add((a, b, c, slot));
            }
            else if (name.StartsWith(WordPrefix, StringComparison.Ordinal))
            {
                if (wordOffset < 0) wordOffset = slot;
                var word = name[WordPrefix.Length..];
                var bar = word.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0)
                {
                    if (word.Length == 0 || !unigramSlots.TryAdd(word, slot)) return Fail(out reason, $"word slot {slot} ({name}) is empty or repeated");
                }
                else
                {
                    bigramNames.Add((word[..bar], word[(bar + 1)..], slot));
                }
            }
            else
            {
                return Fail(out reason, $"slot {slot} ({name}) is neither a character nor a word slot");
            }
        }

        if (wordOffset < 0 || charSlots != wordOffset) return Fail(out reason, "the slots are not a character block followed by a word block");
        var bigrams = new Dictionary<(int, int), int>();
        foreach (var (first, second, slot) in bigramNames)
        {
            // Every word of a bigram is in the vocabulary as a unigram too (the featurizer keeps all lengths).
            if (!unigramSlots.TryGetValue(first, out var a) || !unigramSlots.TryGetValue(second, out var b) || !bigrams.TryAdd((a, b), slot))
            {
                return Fail(out reason, $"word slot {slot} ({first}|{second}) is not a bigram of two known words, or repeated");
            }
        }

        return new AsciiTextFeaturizer(names.Count, wordOffset, trigrams, unigramSlots, bigrams.ToFrozenDictionary());
    }

    /// <summary>
    /// The features of <paramref name="text"/> (as <see cref="LocalModelInput.Text"/> holds it); false, and nothing written,
    /// when the text has a character this class does not handle.
    /// </summary>
    public bool TryFeaturize(string text, out VBuffer<float> features)
    {
        features = default;
        foreach (var ch in text)
        {
            if (ch > '\u007f' || ch == '|') return false;
        }

        var scratch = Scratch.For(_length);
        var normalised = string.Create(text.Length + 2, text, static (span, source) =>
        {
            span[0] = StartMark;
            for (var i = 0; i < source.Length; i++) span[i + 1] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            span[^1] = EndMark;
        });

        var places = normalised.Length <= 4096 ? stackalloc byte[normalised.Length] : new byte[normalised.Length];
        for (var i = 0; i < normalised.Length; i++) places[i] = _alphabet[normalised[i]];
        for (var i = 0; i + 3 <= places.Length; i++)
        {
            if (places[i] == 0 || places[i + 1] == 0 || places[i + 2] == 0) continue;
            var slot = _trigramSlots[Index(places[i], places[i + 1], places[i + 2])];
            if (slot != 0) scratch.Add(slot - 1);
        }

        var charSquares = scratch.Squares;
        var words = normalised.AsSpan(1, normalised.Length - 2);
        var previous = -1;
        foreach (var range in words.Split(' '))
        {
            var word = words[range];
            if (word.IsEmpty) continue;
            if (!_unigramLookup.TryGetValue(word, out var slot))
            {
                previous = -1;
                continue;
            }

            scratch.Add(slot);
            if (previous >= 0 && _bigrams.TryGetValue((previous, slot), out var bigram)) scratch.Add(bigram);
            previous = slot;
        }

        var wordSquares = scratch.Squares - charSquares;
        // The counts are small whole numbers, so their sum of squares is exact in any order; each block is then scaled by the
        // float reciprocal of its float root, which gives ML.NET's L2 normalisation to the last bit (the tests compare bits).
        var charScale = charSquares > 0 ? 1f / MathF.Sqrt((float)charSquares) : 1f;
        var wordScale = wordSquares > 0 ? 1f / MathF.Sqrt((float)wordSquares) : 1f;
        features = scratch.Take(_length, _wordOffset, charScale, wordScale);
        return true;
    }

    /// <summary>
    /// One thread's term counts: a count per slot, and the slots counted, so a text costs its own terms rather than a pass over
    /// the vocabulary. <see cref="Take"/> leaves it empty for the next text.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_current;

        private float[] _counts = [];
        private ulong[] _counted = [];
        private int _slots;

        /// <summary>The sum of the counts' squares so far.</summary>
        public double Squares { get; private set; }

        public static Scratch For(int length)
        {
            var scratch = t_current ??= new Scratch();
            if (scratch._counts.Length < length)
            {
                scratch._counts = new float[length];
                scratch._counted = new ulong[(length + 63) / 64];
            }

            return scratch;
        }

        public void Add(int slot)
        {
            var count = _counts[slot];
            _counts[slot] = count + 1;

            // (n + 1)² − n² = 2n + 1, so the sum of squares needs no pass of its own.
            Squares += (2 * count) + 1;
            if (count == 0)
            {
                _counted[slot >> 6] |= 1UL << slot;
                _slots++;
            }
        }

        /// <summary>The counts as a sparse vector, each times its block's scale (words from <paramref name="wordOffset"/> on); then clears them.</summary>
        public VBuffer<float> Take(int length, int wordOffset, float charScale, float wordScale)
        {
            var indices = new int[_slots];
            var values = new float[_slots];
            var k = 0;

            // The bitmap, read word by word, gives the slots in ascending order.
            for (var w = 0; w < _counted.Length; w++)
            {
                for (var bits = _counted[w]; bits != 0; bits &= bits - 1)
                {
                    var slot = (w << 6) | System.Numerics.BitOperations.TrailingZeroCount(bits);
                    indices[k] = slot;
                    values[k] = _counts[slot] * (slot < wordOffset ? charScale : wordScale);
                    _counts[slot] = 0;
                    k++;
                }

                _counted[w] = 0;
            }

            _slots = 0;
            Squares = 0;
            return new VBuffer<float>(length, indices.Length, values, indices);
        }
    }

    /// <summary>
    /// Texts a model's two featurizers are compared on when it loads: case, digits and punctuation, runs of spaces, line
    /// breaks and tabs, control characters, words no model knows, an empty body.
    /// </summary>
    internal static IReadOnlyList<string> CheckTexts { get; } =
    [
        "\n",
        "Refund for order 70651\nI was charged TWICE for my subscription, please refund the second payment.",
        "Can't log in  after the update\n\nThe app says \"invalid password\" (error 401) - I reset it 3 times today!",
        "  leading and trailing spaces  \n\ttab\tseparated\r\nwindows line end ",
        "zqxjv wvzpq account qqqq password zzkk reset\u0001\u007f",
        "<EMAIL_ADDRESS> wrote: the PHONE_NUMBER on file is wrong; please update it ASAP!!!",
    ];

    /// <summary>Whether two feature vectors are the same: length, the slots set, and each value to the bit.</summary>
    internal static bool SameFeatures(VBuffer<float> a, VBuffer<float> b)
    {
        if (a.Length != b.Length) return false;
        var left = new SortedDictionary<int, float>();
        foreach (var (slot, value) in a.Items()) if (value != 0) left[slot] = value;
        var right = new SortedDictionary<int, float>();
        foreach (var (slot, value) in b.Items()) if (value != 0) right[slot] = value;
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var v) && BitConverter.SingleToInt32Bits(v) == BitConverter.SingleToInt32Bits(p.Value));
    }

    private static AsciiTextFeaturizer? Fail(out string reason, string why)
    {
        reason = why;
        return null;
    }

    private int Index(int a, int b, int c) => ((a * _alphabetSize) + b) * _alphabetSize + c;

    /// <summary>Parses <c>a|b|c</c>, where a character may be written as a control picture in angle brackets (<c>&lt;␠&gt;</c> for a space).</summary>
    private static bool TryParseTrigram(ReadOnlySpan<char> name, out char a, out char b, out char c)
    {
        (a, b, c) = ('\0', '\0', '\0');
        Span<char> chars = stackalloc char[3];
        var at = 0;
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                if (at >= name.Length || name[at] != '|') return false;
                at++;
            }

            if (at + 2 < name.Length && name[at] == '<' && name[at + 1] is >= '\u2400' and <= '\u2421' && name[at + 2] == '>')
            {
                chars[i] = name[at + 1] switch
                {
                    '\u2420' => ' ',
                    '\u2421' => '\u007f',
                    var picture => (char)(picture - '\u2400'),
                };
                at += 3;
            }
            else if (at < name.Length)
            {
                chars[i] = name[at];
                at++;
            }
            else
            {
                return false;
            }
        }

        (a, b, c) = (chars[0], chars[1], chars[2]);
        return at == name.Length;
    }
}
