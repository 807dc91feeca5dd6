using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

public sealed class SemanticCategoryCombinationTests
{
    [Fact]
    public void CombineCategory_MixesTheHeadsBySlotLabel()
    {
        // Arrange: the embedding head lists the same labels in another order
        string[] full = ["billing", "refund", "security"];
        string[] embedding = ["security", "billing", "refund"];
        var map = SemanticModel.SlotMap(full, embedding);

        // Act: the full head prefers billing, the embedding head strongly prefers security
        var combined = SemanticModel.CombineCategory([0.5f, 0.1f, 0.4f], [1.0f, 0.0f, 0.0f], map);

        // Assert
        Assert.Equal([1, 2, 0], map);
        var w = SemanticModel.EmbeddingCategoryWeight;
        Assert.Equal((float)((1 - w) * 0.5), combined[0], 5);
        Assert.Equal((float)((1 - w) * 0.1), combined[1], 5);
        Assert.Equal((float)(((1 - w) * 0.4) + w), combined[2], 5);
        Assert.Equal(1f, combined.Sum(), 5);
    }

    [Fact]
    public void SlotMap_ALabelMissingFromTheOtherHead_Throws()
    {
        Assert.Throws<InvalidDataException>(() => SemanticModel.SlotMap(["billing", "refund"], ["billing", "shipping"]));
    }
}
