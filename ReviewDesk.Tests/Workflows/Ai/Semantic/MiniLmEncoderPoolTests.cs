using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

/// <summary>
/// Issue 12 item 3: the semantic encoder's bounded gate. At most <see cref="MiniLmEncoder.Sessions"/> tickets are inside it at
/// once (the others wait without holding a thread), an encoding inside it uses the slot it holds (no second wait, no
/// deadlock, even with one session), and sessions are created only when two encodings overlap.
/// </summary>
public sealed class MiniLmEncoderPoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_AdmitsAtMostSessionsAtOnce_TheRestWaitUntilOneLeaves()
    {
        using var encoder = new MiniLmEncoder(intraOpThreads: 1, sessions: 2);
        using var release = new ManualResetEventSlim();
        var inside = 0;
        var most = 0;
        var queued = 0;

        // Each caller counts itself once RunAsync has handed it a task: admitted ones are blocked inside, the others wait at the gate.
        var runs = Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
        {
            var run = encoder.RunAsync(_ =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                release.Wait(Ct);
                Interlocked.Decrement(ref inside);
                return now;
            }, Ct);
            Interlocked.Increment(ref queued);
            return run;
        }, Ct)).ToList();
        await Eventually.HoldsAsync(() => Volatile.Read(ref inside) == 2 && Volatile.Read(ref queued) == 3, "two callers inside and three waiting at the gate");
        release.Set();
        await Task.WhenAll(runs);

        Assert.Equal(2, most);
        Assert.Equal(0, inside);
        Assert.Equal(1, encoder.SessionsCreated);
    }

    [Fact]
    public async Task RunAsync_HandsTheWorkItsSlotsEncoding_WhichGivesTheSameEmbeddingAsEncode()
    {
        using var encoder = new MiniLmEncoder(intraOpThreads: 1, sessions: 1);

        var inside = await encoder.RunAsync(embed => embed("My parcel has not arrived"), Ct);
        var outside = encoder.Encode("My parcel has not arrived", Ct);

        Assert.Equal(MiniLmEncoder.Dimensions, inside.Length);
        Assert.Equal(outside, inside);
        Assert.Equal(1, encoder.SessionsCreated);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
