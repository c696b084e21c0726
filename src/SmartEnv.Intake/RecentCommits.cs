using System.Collections.Concurrent;

namespace SmartEnv.Intake;

/// <summary>
/// The packets this process committed recently, per MN: the last <see cref="PerDevice"/> (QN, text digest) pairs of each
/// device (issue 15 goal 3). A logger that missed a 9014 resends the same packet with the same QN after its answer
/// timeout (HJ 212-2017 §6.5 and table 1: 10 s, 3 retries), so a resend arrives within ≈ 40 s of the original; at one
/// packet a second 64 packets cover that with room to spare. Such a resend is answered 9014 at once without a second
/// submission (no second raw row, no re-parse of observations into the store, no wait for a commit), which keeps an
/// overloaded gateway from feeding its own backlog. A packet counts as the same only when MN, QN and the whole text
/// match (a logger whose clock repeats a QN for other data is stored as before); the text is compared by a 32-bit
/// per-process randomised hash, so a false match needs the same MN and QN and a hash collision. Memory: 1 KB per device
/// that sent an accepted packet, at most <see cref="MaxDevices"/> devices (then the index starts afresh). Not durable:
/// after a restart the store's own resend rule applies. Thread-safe.
/// </summary>
public sealed class RecentCommits
{
    /// <summary>Packets remembered per MN (SmartEnv rule; see the class summary).</summary>
    public const int PerDevice = 64;

    /// <summary>MNs remembered at once; beyond it the index is cleared (≈ 100 MB would be reached only by that many
    /// registered devices sending).</summary>
    public const int MaxDevices = 100_000;

    private sealed class Ring
    {
        public readonly (ulong Qn, int Text)[] Items = new (ulong, int)[PerDevice];
        public int Next, Count;
    }

    private readonly ConcurrentDictionary<string, Ring> _byMn = new(StringComparer.Ordinal);

    /// <summary>True when this MN's packet with this QN and text was committed recently.</summary>
    /// <param name="mn">MN.</param>
    /// <param name="qn">QN as sent (digits; others are never remembered).</param>
    /// <param name="text">The stored raw text.</param>
    public bool Contains(string mn, string? qn, string text)
    {
        if (!TryQn(qn, out var q) || !_byMn.TryGetValue(mn, out var ring)) return false;
        var h = text.GetHashCode(StringComparison.Ordinal);
        lock (ring)
        {
            for (var i = 0; i < ring.Count; i++)
                if (ring.Items[i].Qn == q && ring.Items[i].Text == h) return true;
        }
        return false;
    }

    /// <summary>Remembers a committed packet (the oldest of its MN is forgotten beyond <see cref="PerDevice"/>).</summary>
    /// <param name="mn">MN.</param>
    /// <param name="qn">QN as sent; a QN that is not a number of up to 19 digits is not remembered.</param>
    /// <param name="text">The stored raw text.</param>
    public void Add(string mn, string? qn, string text)
    {
        if (!TryQn(qn, out var q)) return;
        if (!_byMn.TryGetValue(mn, out var ring))
        {
            if (_byMn.Count >= MaxDevices) _byMn.Clear();
            ring = _byMn.GetOrAdd(mn, _ => new Ring());
        }
        var h = text.GetHashCode(StringComparison.Ordinal);
        lock (ring)
        {
            ring.Items[ring.Next] = (q, h);
            ring.Next = (ring.Next + 1) % PerDevice;
            if (ring.Count < PerDevice) ring.Count++;
        }
    }

    // QN is yyyyMMddHHmmssfff (HJ 212-2017 table 5, 20 characters at most); stored as a number.
    private static bool TryQn(string? qn, out ulong value)
    {
        value = 0;
        if (string.IsNullOrEmpty(qn) || qn.Length > 19) return false;
        foreach (var c in qn) if (c is < '0' or > '9') return false;
        return ulong.TryParse(qn, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
