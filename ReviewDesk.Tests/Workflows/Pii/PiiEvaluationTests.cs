using System.Globalization;
using System.Text;
using ReviewDesk.Workflows.Pii;
using Xunit.Sdk;

namespace ReviewDesk.Tests.Workflows.Pii;

/// <summary>
/// Measures per-type recall and precision of the full analyzer over the labelled evaluation set
/// (exact span match) and holds them to the agreed floors.
/// </summary>
public sealed class PiiEvaluationTests(ITestOutputHelper output)
{
    private static readonly string[] StructuredTypes =
    [
        PiiTypes.EmailAddress, PiiTypes.PhoneNumber, PiiTypes.CreditCard, PiiTypes.IbanCode,
        PiiTypes.UsSsn, PiiTypes.IpAddress, PiiTypes.DateOfBirth,
    ];

    [Fact]
    public void Analyze_EvaluationSet_MeetsRecallAndPrecisionFloors()
    {
        // Arrange
        var samples = EvalSample.LoadAll();
        var analyzer = PiiAnalyzer.Create();
        var tally = PiiTypes.All.ToDictionary(t => t, _ => new Tally(), StringComparer.Ordinal);
        var misses = new StringBuilder();

        // Act
        foreach (var sample in samples)
        {
            var gold = sample.Entities.Select(e => (e.Type, e.Start, e.End)).ToHashSet();
            var predicted = analyzer.Analyze(sample.Text).Select(e => (e.Type, e.Start, e.End)).ToHashSet();
            foreach (var g in gold)
            {
                tally[g.Type].Support++;
                if (predicted.Contains(g))
                {
                    tally[g.Type].TruePositives++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"MISS {sample.Id} {g.Type} '{sample.Text[g.Start..g.End]}'");
                }
            }

            foreach (var p in predicted)
            {
                tally[p.Type].Predicted++;
                if (!gold.Contains(p))
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"FALSE {sample.Id} {p.Type} '{sample.Text[p.Start..p.End]}'");
                }
            }
        }

        // Assert
        var table = FormatTable(tally);
        output.WriteLine(table);
        output.WriteLine(misses.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "pii-eval-results.md"), table);

        Assert.True(samples.Count >= 150, $"The evaluation set has only {samples.Count} texts.");
        foreach (var type in StructuredTypes)
        {
            Assert.True(tally[type].Recall >= 0.97, $"{type} recall {tally[type].Recall:0.000} < 0.97");
            Assert.True(tally[type].Precision >= 0.95, $"{type} precision {tally[type].Precision:0.000} < 0.95");
        }

        Assert.True(tally[PiiTypes.Person].Recall >= 0.85, $"PERSON recall {tally[PiiTypes.Person].Recall:0.000} < 0.85");
        Assert.True(tally[PiiTypes.StreetAddress].Recall >= 0.85, $"STREET_ADDRESS recall {tally[PiiTypes.StreetAddress].Recall:0.000} < 0.85");
    }

    private static string FormatTable(Dictionary<string, Tally> tally)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| type | support | recall | precision |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var (type, t) in tally)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {type} | {t.Support} | {t.Recall:0.000} | {t.Precision:0.000} |");
        }

        return sb.ToString();
    }

    private sealed class Tally
    {
        public int Support { get; set; }

        public int Predicted { get; set; }

        public int TruePositives { get; set; }

        public double Recall => Support == 0 ? 1.0 : (double)TruePositives / Support;

        public double Precision => Predicted == 0 ? 1.0 : (double)TruePositives / Predicted;
    }
}
