namespace ReviewDesk.Web.Cli;

/// <summary><c>triage --input in.jsonl --output out.jsonl</c>: scrubs and classifies offline with the local model.</summary>
internal static class TriageCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        await error.WriteLineAsync("triage: the offline triage verb needs the local classifier, which is not in this build yet");
        return 2;
    }
}
