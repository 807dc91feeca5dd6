namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Temperature scaling of a probability vector: p_i^(1/T) renormalised, i.e. softmax(log p / T).
/// T &gt; 1 softens over-confident probabilities, T &lt; 1 sharpens under-confident ones; the
/// ranking never changes, so accuracy does not either.
/// </summary>
internal static class TemperatureScaling
{
    private const double MinTemperature = 0.05;
    private const double MaxTemperature = 20.0;
    private const double Floor = 1e-12;

    /// <summary>Applies temperature <paramref name="temperature"/> to <paramref name="probabilities"/>.</summary>
    public static double[] Apply(ReadOnlySpan<float> probabilities, double temperature)
    {
        var result = new double[probabilities.Length];
        if (result.Length == 0)
        {
            return result;
        }

        var max = double.NegativeInfinity;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Log(Math.Max(probabilities[i], Floor)) / temperature;
            max = Math.Max(max, result[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Exp(result[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>
    /// The temperature that minimises the negative log-likelihood of the true classes, found by a
    /// golden-section search over log T (the NLL is unimodal in T). 1 when there is nothing to fit on.
    /// </summary>
    public static double Fit(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> trueClasses)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(trueClasses);
        if (probabilities.Count == 0 || probabilities.Count != trueClasses.Count)
        {
            return 1.0;
        }

        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            for (var i = 0; i < probabilities.Count; i++)
            {
                total -= Math.Log(Math.Max(Apply(probabilities[i], t)[trueClasses[i]], Floor));
            }

            return total;
        }

        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = Math.Log(MinTemperature), b = Math.Log(MaxTemperature);
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = Loss(c), fd = Loss(d);
        for (var iteration = 0; iteration < 60 && b - a > 1e-4; iteration++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = Loss(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = Loss(d);
            }
        }

        return Math.Round(Math.Exp((a + b) / 2), 4);
    }
}
