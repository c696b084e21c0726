using System.Collections;
using System.Runtime.InteropServices;

namespace SmartEnv.Hj212;

/// <summary>
/// The CP entries of a packet parsed by <see cref="Hj212FastParser"/>: one array holding a slot per entry followed by
/// a copy of the CP area's bytes (ASCII). Keys are the shared strings of the fast path's key table; values become strings on first access
/// (one-character values shared), all entries at once, published once (thread-safe).
/// </summary>
internal sealed class Hj212CpByteList : IReadOnlyList<Hj212CpEntry>
{
    /// <summary>One entry: key table index, key and value offsets within the CP bytes, value length.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    internal readonly record struct Slot(ushort KeyId, ushort KeyStart, ushort ValueStart, ushort ValueLength);

    internal const int SlotSize = 8;

    private readonly byte[] _data;
    private readonly int _bodyStart;
    private readonly int _count;
    private readonly int _basePosition;
    private Hj212CpEntry[]? _entries;

    internal Hj212CpByteList(byte[] data, int bodyStart, int count, int basePosition)
    {
        _data = data;
        _bodyStart = bodyStart;
        _count = count;
        _basePosition = basePosition;
    }

    public int Count => _count;

    public Hj212CpEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return Entries[index];
        }
    }

    private Hj212CpEntry[] Entries => _entries ?? Materialize();

    private Hj212CpEntry[] Materialize()
    {
        var arr = new Hj212CpEntry[_count];
        for (int i = 0; i < _count; i++)
        {
            var s = MemoryMarshal.Read<Slot>(_data.AsSpan(i * SlotSize, SlotSize));
            var v = _data.AsSpan(_bodyStart + s.ValueStart, s.ValueLength);
            string value = v.Length == 1 ? Hj212Parser.Text([(char)v[0]], key: false) : Hj212FastParser.Latin(v);
            arr[i] = new Hj212CpEntry(Hj212FastParser.Keys[s.KeyId].Key, value) { Position = _basePosition + s.KeyStart };
        }
        return Interlocked.CompareExchange(ref _entries, arr, null) ?? arr;
    }

    public IEnumerator<Hj212CpEntry> GetEnumerator() => ((IEnumerable<Hj212CpEntry>)Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
