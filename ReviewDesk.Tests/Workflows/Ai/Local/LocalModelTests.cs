using Microsoft.ML;
using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class LocalModelTests
{
    /// <summary>All four columns from one engine over the whole saved pipeline, as a prediction ran before the split.</summary>
    private sealed class WholePipelineOutput
    {
        [ColumnName(LocalModelColumns.CategoryScore)]
        public float[] CategoryScore { get; set; } = [];

        [ColumnName(LocalModelColumns.PriorityScore)]
        public float[] PriorityScore { get; set; } = [];

        [ColumnName(LocalModelColumns.SentimentScore)]
        public float[] SentimentScore { get; set; } = [];

        [ColumnName(LocalModelColumns.Features)]
        public VBuffer<float> Features { get; set; }
    }

    [Fact]
    public void Score_TwoEngines_GiveWhatOneEngineOverTheWholePipelineGives()
    {
        // Arrange: a small training file keeps this test fast; the saved pipeline, loaded into one engine, is the reference.
        var set = TrainingTicketSet.Parse(TrainingTickets.FirstLines(200));
        using var model = LocalModelTrainer.Train(set.Tickets, set.Sha256);
        using var saved = new MemoryStream();
        model.Save(saved);
        saved.Position = 0;
        var ml = new MLContext(LocalModelTrainer.Seed);
        var whole = ml.Model.CreatePredictionEngine<LocalModelInput, WholePipelineOutput>(ml.Model.Load(saved, out _));
        var inputs = TrainingTickets.Sample(300).Select(LocalModelInput.From).ToList();

        foreach (var input in inputs)
        {
            // Act
            var (scores, features) = model.Score(input);

            // Assert: the same numbers, bit for bit.
            var expected = whole.Predict(input);
            Assert.Equal(expected.CategoryScore, scores.CategoryScore);
            Assert.Equal(expected.PriorityScore, scores.PriorityScore);
            Assert.Equal(expected.SentimentScore, scores.SentimentScore);
            Assert.Equal(expected.Features.Length, features.Length);
            Assert.Equal(expected.Features.GetIndices().ToArray(), features.GetIndices().ToArray());
            Assert.Equal(expected.Features.GetValues().ToArray(), features.GetValues().ToArray());
        }
    }
}
