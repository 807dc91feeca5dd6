using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Names the words of a ticket that drove its category: for each word feature (unigram or bigram)
/// present in the text, its value times the class's weight minus the mean weight over classes
/// (the term's push towards that class rather than the others under a softmax). Character
/// n-gram features also count in the model but are not words a reviewer can read, and stop
/// words ("was", "there"), pronouns, number words and fillers ("he", "two", "sure") tell a reviewer
/// nothing, so both are left out of the explanation (a bigram is kept when one of its words tells).
/// </summary>
internal sealed class CueWordExplainer
{
    private const string WordSlotPrefix = "Word.";

    private readonly float[][] _pushByClass;
    private readonly string?[] _words;

    private CueWordExplainer(float[][] pushByClass, string?[] words)
    {
        _pushByClass = pushByClass;
        _words = words;
    }

    /// <summary>Builds the explainer from the category model's weights and the feature slot names.</summary>
    public static CueWordExplainer Create(MaximumEntropyModelParameters model, VBuffer<ReadOnlyMemory<char>> slotNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out var classCount);

        var words = new string?[slotNames.Length];
        var slot = 0;
        foreach (var name in slotNames.DenseValues())
        {
            var span = name.Span;
            if (span.StartsWith(WordSlotPrefix, StringComparison.Ordinal) && HasLetter(span[WordSlotPrefix.Length..]))
            {
                words[slot] = span[WordSlotPrefix.Length..].ToString().Replace('|', ' ');
            }

            slot++;
        }

        var dense = new float[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            dense[c] = new float[slotNames.Length];
            weights[c].CopyTo(dense[c]);
        }

        var push = new float[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            push[c] = new float[slotNames.Length];
        }

        for (var i = 0; i < slotNames.Length; i++)
        {
            if (words[i] is null)
            {
                continue;
            }

            var mean = 0f;
            for (var c = 0; c < classCount; c++)
            {
                mean += dense[c][i];
            }

            mean /= classCount;
            for (var c = 0; c < classCount; c++)
            {
                push[c][i] = dense[c][i] - mean;
            }
        }

        return new CueWordExplainer(push, words);
    }

    /// <summary>Up to <paramref name="count"/> cue words for class <paramref name="classIndex"/>, strongest first, no word repeated.</summary>
    public IReadOnlyList<string> Explain(in VBuffer<float> features, int classIndex, int count)
    {
        var push = _pushByClass[classIndex];
        var candidates = new List<(string Word, float Push)>();
        var values = features.GetValues();
        var indices = features.GetIndices();
        for (var k = 0; k < values.Length; k++)
        {
            var slot = features.IsDense ? k : indices[k];
            if (slot >= _words.Length || _words[slot] is not { } word)
            {
                continue;
            }

            var contribution = values[k] * push[slot];
            if (contribution > 0)
            {
                candidates.Add((word, contribution));
            }
        }

        candidates.Sort((x, y) => y.Push != x.Push ? y.Push.CompareTo(x.Push) : string.CompareOrdinal(x.Word, y.Word));
        var chosen = new List<string>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, _) in candidates)
        {
            var parts = word.Split(' ');
            if (parts.Any(used.Contains) || !parts.Any(IsInformative))
            {
                continue;
            }

            chosen.Add(word);
            used.UnionWith(parts);
            if (chosen.Count == count)
            {
                break;
            }
        }

        return chosen;
    }

    /// <summary>
    /// Whether a word can tell a reviewer why a ticket got its category: not a stop word of the language detector's
    /// lists, and not one of the pronouns, number words and fillers those lists leave out ("he", "two", "sure").
    /// </summary>
    internal static bool IsInformative(string word) => !StopWordLanguageDetector.IsStopWord(word) && !Uninformative.Contains(word);

    private static readonly System.Collections.Frozen.FrozenSet<string> Uninformative = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "we", "us", "our", "they", "them", "their",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
        "sure", "also", "just", "really", "very", "quite", "please", "thanks", "thank", "hi", "hello", "dear", "regards", "ok", "okay", "yes",
        "still", "now", "today", "yesterday", "would", "could", "should", "can", "will", "get", "got", "know", "think", "said", "tell", "told",
        "let", "thing", "things", "something", "anything", "way", "lot", "bit",
    ], StringComparer.Ordinal);

    private static bool HasLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
