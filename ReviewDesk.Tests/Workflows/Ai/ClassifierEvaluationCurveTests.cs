using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Tests.Workflows.Ai;

/// <summary>Issue 12: the auto-route curve covers every threshold a variant can have, 0 to 1 (it covered 0.5 to 0.95).</summary>
public sealed class ClassifierEvaluationCurveTests
{
    [Fact]
    public void Curve_ThresholdsFrom0To1_EveryTicketRoutesAt0_OnlyCertaintiesAt1()
    {
        double[] confidence = [0.1, 0.3, 0.55, 0.8, 0.97, 1.0];
        bool[] correct = [false, false, true, true, true, true];

        var curve = ClassifierEvaluation.Curve(confidence, correct);

        Assert.Equal(Enumerable.Range(0, 21).Select(i => Math.Round(i * 0.05, 2)), curve.Select(p => p.Threshold));
        Assert.Equal((0.0, 1.0, 4 / 6.0), (curve[0].Threshold, curve[0].Coverage, curve[0].Accuracy));
        Assert.Equal((0.3, 5 / 6.0, 4 / 5.0), (curve[6].Threshold, curve[6].Coverage, curve[6].Accuracy));
        Assert.Equal((1.0, 1 / 6.0, 1.0), (curve[^1].Threshold, curve[^1].Coverage, curve[^1].Accuracy));
    }
}
