using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// Measures the PII scrub in process, on one thread: the ticket texts the repository ships (the demo tickets the product
/// benchmark submits, or the training tickets) go through a <see cref="PiiAnonymizer"/> over a <see cref="PiiAnalyzer"/>
/// built as the app builds it (options bound from the <c>Pii</c> section, here the command line), subject and body in one
/// call as ScrubPii does; then the same texts through the phone recognizer alone. The texts cycle until --tickets have
/// been scrubbed; a warm-up pass (JIT, libphonenumber's metadata and regexes) is not reported. The entity counts printed
/// with the timings say the runs found the same things.
/// </summary>
internal static class PiiBenchCommand
{
    public static int Run(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var tickets = int.Parse(config["tickets"] ?? "5000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(config["rounds"] ?? "5", CultureInfo.InvariantCulture);
        var set = config["set"] ?? "demo";
        var texts = set switch
        {
            "demo" => DemoTickets.Load().Select(t => (t.Subject ?? "", t.Body ?? "")).ToList(),
            "training" => TrainingTicketSet.LoadEmbedded().Tickets.Select(t => (t.Subject, t.Body)).ToList(),
            _ => null,
        };
        if (texts is null || tickets <= 0 || rounds <= 0)
        {
            Console.Error.WriteLine("usage: ReviewDesk.Harness pii-bench [--tickets 5000] [--rounds 5] [--set demo|training] [--Pii:PhoneRegions:0 US ...]");
            return 2;
        }

        var options = new PiiAnalyzerOptions();
        config.GetSection(PiiAnalyzerOptions.SectionName).Bind(options);
        var anonymizer = new PiiAnonymizer(new PiiAnalyzer(options));
        var phone = new PhoneNumberRecognizer(options.PhoneRegions);

        int Scrub(int count)
        {
            var redactions = 0;
            for (var i = 0; i < count; i++)
            {
                var (subject, body) = texts[i % texts.Count];
                redactions += anonymizer.Anonymize([subject, body]).Redactions.Count;
            }

            return redactions;
        }

        int Phones(int count)
        {
            var found = 0;
            for (var i = 0; i < count; i++)
            {
                var (subject, body) = texts[i % texts.Count];
                found += phone.Recognize(subject).Count + phone.Recognize(body).Count;
            }

            return found;
        }

        Console.WriteLine($"PII scrub benchmark: {tickets:N0} {set} tickets per round ({texts.Count} distinct), {rounds} rounds after a warm-up round, one thread, .NET {Environment.Version}");
        Scrub(tickets);
        Phones(tickets);
        var scrub = new List<ThreadTiming>();
        var phones = new List<ThreadTiming>();
        for (var round = 1; round <= rounds; round++)
        {
            var (scrubTiming, redactions) = ThreadTiming.Measure(Scrub, tickets);
            var (phoneTiming, candidates) = ThreadTiming.Measure(Phones, tickets);
            scrub.Add(scrubTiming);
            phones.Add(phoneTiming);
            Console.WriteLine($"  round {round}: scrub {scrubTiming} ({redactions:N0} redactions) | phone recognizer {phoneTiming} ({candidates:N0} candidates)");
        }

        // The machine may be shared: this thread's CPU time is less disturbed by other processes than wall time.
        var scrubCpu = BenchCommand.Median([.. scrub.Select(t => t.CpuUs)]);
        var phoneCpu = BenchCommand.Median([.. phones.Select(t => t.CpuUs)]);
        Console.WriteLine($"median: scrub {BenchCommand.Median([.. scrub.Select(t => t.WallUs)]):N1} µs/ticket wall, {scrubCpu:N1} CPU; " +
            $"phone recognizer alone {BenchCommand.Median([.. phones.Select(t => t.WallUs)]):N1} µs/ticket wall, {phoneCpu:N1} CPU ({phoneCpu / scrubCpu:P0} of the scrub's CPU)");
        return 0;
    }
}
