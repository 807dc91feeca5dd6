using ReviewDesk.Harness;

// The runtime's standalone harness: `bench` measures throughput; `crash-host` is the child process the crash tests kill.
return args.FirstOrDefault() switch
{
    "bench" => await BenchCommand.RunAsync(args[1..]),
    "crash-host" => await CrashHostCommand.RunAsync(args[1..]),
    "triage-host" => await TriageHostCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewDesk.Harness bench [--workflows N] [--seconds S] | crash-host --db FILE --side-file FILE --count N [--Workflows:Worker:Id ID] | triage-host --db FILE --ai-endpoint URL --count N");
    return 2;
}
