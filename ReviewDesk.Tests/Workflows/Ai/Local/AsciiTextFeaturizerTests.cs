using System.Text;
using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

/// <summary>
/// <see cref="AsciiTextFeaturizer"/> against ML.NET's featurizer of the same model (the one the collection trained on the whole
/// training set): the same slots and the same bits, on the repository's tickets and on generated text.
/// </summary>
[Collection(nameof(LocalClassifierCollection))]
public sealed class AsciiTextFeaturizerTests(LocalClassifierFixture fixture) : IDisposable
{
    private readonly LocalModel _model = new LocalModelCache(fixture.ModelDirectory).TryLoad(TrainingTicketSet.LoadEmbedded().Sha256)
        ?? throw new InvalidOperationException("the fixture's model is not cached");

    public void Dispose() => _model.Dispose();

    [Fact]
    public void Load_ShippedTrainingSet_UsesTheAsciiFeaturizer()
    {
        Assert.Null(_model.AsciiFeaturizerOff);
        Assert.NotNull(_model.AsciiFeaturizer);
    }

    [Fact]
    public void Featurize_EveryAsciiTrainingAndDemoTicket_GivesMlNetsFeaturesBitForBit()
    {
        // Arrange
        var featurizer = Featurizer();
        var texts = TrainingTicketSet.LoadEmbedded().Tickets.Select(t => LocalModelInput.ComposeText(t.Subject, t.Body))
            .Concat(DemoTickets.Load().Select(t => LocalModelInput.ComposeText(t.Subject, t.Body)))
            .ToList();

        // Act
        var handled = AssertSameAsMlNet(featurizer, texts);

        // Assert: most tickets are ASCII (976 of the 1,157 training tickets, 28 of the 32 demo tickets).
        Assert.Equal(976 + 28, handled);
    }

    [Fact]
    public void Featurize_GeneratedTexts_GivesMlNetsFeaturesBitForBit()
    {
        // Arrange: known words (a bigram's neighbours too) in any case, unknown words between them, runs of spaces, line
        // breaks, tabs, punctuation, digits and control characters.
        var featurizer = Featurizer();
        var words = TrainingTicketSet.LoadEmbedded().Tickets.SelectMany(t => (t.Subject + " " + t.Body).Split(' '))
            .Where(w => w.Length > 0 && w.All(char.IsAscii) && !w.Contains('|')).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] separators = [" ", "  ", "\n", " \n ", "\t", ", ", ". ", " - ", "   ", "\r\n", "\u0001"];
        var random = new Random(20261207);
        var texts = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var text = new StringBuilder();
            if (random.Next(4) == 0) text.Append(' ');
            for (var n = random.Next(0, 14); n > 0; n--)
            {
                var word = random.Next(6) == 0 ? "qzxv" + random.Next(1000) : words[random.Next(words.Count)];
                text.Append(random.Next(3) == 0 ? word.ToUpperInvariant() : word).Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        // Act
        var handled = AssertSameAsMlNet(featurizer, texts);

        // Assert
        Assert.Equal(texts.Count, handled);
    }

    [Theory]
    [InlineData("Remboursement refusé")]
    [InlineData("Straße gesperrt")]
    [InlineData("thanks 👍")]
    [InlineData("a | b")]
    public void TryFeaturize_TextOutsideAsciiOrWithABar_DeclinesSoMlNetServesIt(string text)
    {
        Assert.False(Featurizer().TryFeaturize(text, out _));
    }

    [Fact]
    public void TryCreate_TrigramWithABar_IsRefused()
    {
        // A bar in a training text could sit inside a word, where a word slot's bar would not separate a bigram.
        var featurizer = AsciiTextFeaturizer.TryCreate(SlotNames("Char.a|||b", "Word.a", "Word.b", "Word.a|b"), out var reason);

        Assert.Null(featurizer);
        Assert.Contains("vertical bar", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_BigramOfAWordNotInTheVocabulary_IsRefused()
    {
        var featurizer = AsciiTextFeaturizer.TryCreate(SlotNames("Char.a|b|c", "Word.a", "Word.a|z"), out var reason);

        Assert.Null(featurizer);
        Assert.Contains("not a bigram of two known words", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFeaturize_HandWrittenVocabulary_CountsTrigramsAndWordsPerBlock()
    {
        // Arrange: marked, the text reads \u0002ab cd\u0003; of its trigrams only \u0002ab is in the vocabulary (ab\u0003 would
        // need "ab" to end the text, x|y|z is not in it).
        var featurizer = AsciiTextFeaturizer.TryCreate(
            SlotNames("Char.<␂>|a|b", "Char.a|b|<␃>", "Char.x|y|z", "Word.ab", "Word.cd", "Word.ab|cd"), out _)!;

        // Act
        Assert.True(featurizer.TryFeaturize("AB cd", out var features));

        // Assert: each block L2-normalised on its own: one trigram (1), and "ab", "cd" and the bigram "ab cd" (1/√3 each).
        Assert.Equal(6, features.Length);
        Assert.Equal([0, 3, 4, 5], features.GetIndices().ToArray());
        var third = 1f / MathF.Sqrt(3f);
        Assert.Equal([1f, third, third, third], features.GetValues().ToArray());
    }

    /// <summary>The featurizer the model itself uses.</summary>
    private AsciiTextFeaturizer Featurizer() => _model.AsciiFeaturizer ?? throw new InvalidOperationException(_model.AsciiFeaturizerOff);

    /// <summary>Asserts that every text the featurizer takes gets ML.NET's features; returns how many it took.</summary>
    private int AssertSameAsMlNet(AsciiTextFeaturizer featurizer, IEnumerable<string> texts)
    {
        var handled = 0;
        foreach (var text in texts)
        {
            if (!featurizer.TryFeaturize(text, out var features)) continue;
            handled++;
            var expected = _model.MlNetFeatures(text);
            Assert.True(AsciiTextFeaturizer.SameFeatures(features, expected), $"different features for \"{text}\"");
            Assert.Equal(expected.GetIndices().ToArray(), features.GetIndices().ToArray());
        }

        return handled;
    }

    private static VBuffer<ReadOnlyMemory<char>> SlotNames(params string[] names) =>
        new(names.Length, [.. names.Select(n => n.AsMemory())]);
}
