using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Harness;

/// <summary>
/// Writes every entity the PII scrub finds in the texts the repository holds, one line each, so that two builds can be
/// compared with <c>diff</c>: a change meant to make the scrub faster must leave this output byte for byte the same.
/// The texts: <c>ReviewDesk.Tests/TestData/Pii/pii-eval.jsonl</c> and <c>presidio-vectors.jsonl</c>, the training and
/// demo tickets (subject and body), and a generated set of phone-like texts (fixed seed). Each text goes through
/// <see cref="PiiAnalyzer"/> with default options, with the options of the repository's <c>appsettings.json</c>
/// (<c>Pii</c> section), with threshold 0 (every candidate that survives the overlap rule) and with two custom phone region
/// lists; and through each built-in recognizer alone (its raw candidates). A line holds the corpus, the text's index and
/// field, the configuration, then type, start, end and score (4 places): offsets only, never the values.
/// </summary>
internal static class PiiDumpCommand
{
    public static int Run(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var output = config["out"];
        var root = config["root"] ?? FindRepositoryRoot();
        if (output is null || root is null)
        {
            Console.Error.WriteLine("usage: ReviewDesk.Harness pii-dump --out FILE [--root REPOSITORY] [--synthetic 4000]");
            return 2;
        }

        var synthetic = int.Parse(config["synthetic"] ?? "4000", CultureInfo.InvariantCulture);
        var corpora = new List<(string Name, IReadOnlyList<(string Field, string Text)> Texts)>
        {
            ("pii-eval", ReadJsonl(Path.Combine(root, "ReviewDesk.Tests", "TestData", "Pii", "pii-eval.jsonl"))),
            ("presidio-vectors", ReadJsonl(Path.Combine(root, "ReviewDesk.Tests", "TestData", "Pii", "presidio-vectors.jsonl"))),
            ("training-tickets", ReadJsonl(Path.Combine(root, "ReviewDesk.Workflows", "Triage", "Data", "training-tickets.jsonl"))),
            ("demo-tickets", ReadJsonl(Path.Combine(root, "ReviewDesk.Workflows", "Triage", "Data", "demo-tickets.jsonl"))),
            ("synthetic", Synthetic(synthetic)),
        };

        var appOptions = new PiiAnalyzerOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false).Build()
            .GetSection(PiiAnalyzerOptions.SectionName).Bind(appOptions);
        var thresholdZero = new PiiAnalyzerOptions { Threshold = 0 };
        var usOnly = new PiiAnalyzerOptions();
        usOnly.PhoneRegions.Add("US");
        var someRegions = new PiiAnalyzerOptions();
        foreach (var region in new[] { "DE", "FR", "JP", "RU", "XX" })
        {
            someRegions.PhoneRegions.Add(region);
        }

        var analyzers = new (string Name, PiiAnalyzer Analyzer)[]
        {
            ("default", new PiiAnalyzer(new PiiAnalyzerOptions())),
            ("app", new PiiAnalyzer(appOptions)),
            ("threshold0", new PiiAnalyzer(thresholdZero)),
            ("regions-US", new PiiAnalyzer(usOnly)),
            ("regions-DE-FR-JP-RU-XX", new PiiAnalyzer(someRegions)),
        };
        var recognizers = PiiAnalyzer.CreateDefaultRecognizers(new PiiAnalyzerOptions());

        using var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var (corpus, texts) in corpora)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < texts.Count; i++)
            {
                var (field, text) = texts[i];
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{corpus}\t{i}\t{field}");
                foreach (var (name, analyzer) in analyzers)
                {
                    counts[name] = counts.GetValueOrDefault(name) + Write(writer, prefix, name, () => analyzer.Analyze(text));
                }

                foreach (var recognizer in recognizers)
                {
                    var name = "raw-" + recognizer.EntityType;
                    counts[name] = counts.GetValueOrDefault(name)
                        + Write(writer, prefix, name, () => [.. recognizer.Recognize(text).OrderBy(e => e.Start).ThenBy(e => e.End).ThenBy(e => e.Score)]);
                }
            }

            Console.WriteLine($"{corpus}: {texts.Count} texts; " + string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
        }

        return 0;
    }

    // A recognizer that throws on a text is part of the output too (its exception type, never its message).
    private static int Write(StreamWriter writer, string prefix, string configuration, Func<IReadOnlyList<PiiEntity>> find)
    {
        IReadOnlyList<PiiEntity> entities;
        try
        {
            entities = find();
        }
#pragma warning disable CA1031 // The dump records any exception as a line and goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            writer.WriteLine($"{prefix}\t{configuration}\tTHROWS\t{exception.GetType().Name}");
            return 0;
        }

        foreach (var e in entities)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}\t{configuration}\t{e.Type}\t{e.Start}\t{e.End}\t{Math.Round(e.Score, 4):0.0000}"));
        }

        return entities.Count;
    }

    /// <summary>Every <c>text</c>, <c>subject</c> and <c>body</c> string of a JSONL file, in file order.</summary>
    private static List<(string Field, string Text)> ReadJsonl(string path)
    {
        var texts = new List<(string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            foreach (var field in new[] { "text", "subject", "body" })
            {
                if (document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    texts.Add((field, value.GetString()!));
                }
            }
        }

        return texts;
    }

    /// <summary>
    /// Texts built from phone-like pieces (prefixes, digit groups, separators, extensions, context and identifier words,
    /// other scripts' digits) and a few other entity shapes, from a fixed seed so every build sees the same ones.
    /// </summary>
    private static List<(string Field, string Text)> Synthetic(int count)
    {
        string[] words =
        [
            "call", "tel", "Tel.", "phone:", "order", "Order #", "invoice", "ext.", "x", "#", "ref", "Mr. Okafor", "Hi Sarah,", "Thanks,\nJane Doe",
            "version", "v", "DOB", "born on", "at", "or", "and", "mail", "jane.doe@example.com", "a@b", "@", "IBAN", "DE89 3704 0044 0532 0130 00",
            "4111 1111 1111 1111", "203.0.113.45", "2001:db8::1", "123-45-6789", "12 Main Street", "Hauptstraße 12", "12/03/1986", "1986-04-17",
            "Müller", "Émilie", "\n", ",", ".", "(", ")", "+", "/", "-", "–", "tel:", "ruf", "Handy", "téléphone", "Kundennummer", "SSN",
        ];
        string[] prefixes = ["", "", "", "+", "+1 ", "+44 ", "+49 ", "+33 ", "0", "00", "(", "+(", "0049 ", "+٤٤ ", "＋", "1-"];
        string[] separators = [" ", " ", "-", ".", "/", "", "–", ") ", " (0) ", "  ", "\u00a0"];
        var random = new Random(20261207);
        var texts = new List<(string, string)>(count);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Clear();
            var pieces = random.Next(1, 9);
            for (var p = 0; p < pieces; p++)
            {
                if (random.Next(3) == 0)
                {
                    builder.Append(words[random.Next(words.Length)]);
                }
                else
                {
                    builder.Append(prefixes[random.Next(prefixes.Length)]);
                    var groups = random.Next(1, 6);
                    for (var g = 0; g < groups; g++)
                    {
                        if (g > 0) builder.Append(separators[random.Next(separators.Length)]);
                        var digits = random.Next(1, 11);
                        for (var d = 0; d < digits; d++)
                        {
                            builder.Append((char)((random.Next(20) == 0 ? '٠' : '0') + random.Next(10)));
                        }
                    }
                }

                builder.Append(random.Next(4) == 0 ? "" : " ");
            }

            texts.Add(("text", builder.ToString()));
        }

        return texts;
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReviewDesk.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
