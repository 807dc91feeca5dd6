using ReviewDesk.Harness;

// The standalone harness: `bench` measures runtime throughput; `crash-host` and `triage-host` are the child processes the crash
// tests kill; `hub-latency` measures submit-to-visible latency of the review hub against the real web app; `encoder-bench` measures the
// semantic model's sentence encoder; `pii-bench` measures the PII scrub and the phone recognizer in process;
// `pii-dump` writes every entity the scrub finds in the repository's texts, to diff two builds; `local-bench` measures the fast
// local classifier in process.
return args.FirstOrDefault() switch
{
    "bench" => await BenchCommand.RunAsync(args[1..]),
    "crash-host" => await CrashHostCommand.RunAsync(args[1..]),
    "triage-host" => await TriageHostCommand.RunAsync(args[1..]),
    "notify-host" => await NotifyHostCommand.RunAsync(args[1..]),
    "hub-latency" => await HubLatencyCommand.RunAsync(args[1..]),
    "encoder-bench" => EncoderBenchCommand.Run(args[1..]),
    "pii-bench" => PiiBenchCommand.Run(args[1..]),
    "pii-dump" => PiiDumpCommand.Run(args[1..]),
    "local-bench" => await LocalBenchCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewDesk.Harness bench [--rounds 3] [--workflows N] [--seconds S] [--tickets 2000] [--clients 16] [--bulk-tickets 10000] [--batch-size 500] [--product false] [--postgres CONNECTION [--nodes 1,3] [--redis HOST:PORT]] | crash-host --db FILE --side-file FILE --count N [--eager true] [--Workflows:Worker:Id ID] | triage-host --db FILE --ai-endpoint URL --count N | encoder-bench [--threads 1,2] [--precision int8,float32] [--rounds 2] [--warm-up 40] [--limit N] [--split true] [--reference true] | hub-latency [--tickets 500] [--concurrency 1] [--warmup 10] [--timeout-seconds 30] [--browser true [--chromium /usr/bin/chromium]] [--web ReviewDesk.Web.dll] | pii-bench [--tickets 5000] [--rounds 5] [--set demo|training] | pii-dump --out FILE [--root REPOSITORY] [--synthetic 4000] | local-bench [--tickets 20000] [--rounds 5] [--set demo|training] [--model-directory DIR]");
    return 2;
}
