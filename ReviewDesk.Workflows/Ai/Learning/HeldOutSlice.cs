using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Which reviewer-labelled tickets are held out for evaluation: those whose ticket id hashes (SHA-256, first four bytes, modulo
/// 100) below the percentage. A ticket always falls on the same side, on every node and in every retrain, so a version is
/// never evaluated on what it was trained on.
/// </summary>
public static class HeldOutSlice
{
    /// <summary>Whether <paramref name="ticketId"/> is held out at <paramref name="percent"/>.</summary>
    public static bool Contains(string ticketId, int percent)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(ticketId), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 100 < (uint)percent;
    }
}
