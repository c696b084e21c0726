using System.Collections;

namespace SmartEnv.Hj212;

/// <summary>
/// The CP entries of a parsed packet, kept as offsets into the decoded segment until first read: parsing validates
/// every entry on spans, and the key/value strings are created once, on first access (thread-safe).
/// </summary>
internal sealed class Hj212CpList : IReadOnlyList<Hj212CpEntry>
{
    internal readonly record struct Slot(int KeyStart, int KeyLength, int ValueStart, int ValueLength, int Position);

    private readonly string _text;
    private readonly Slot[] _slots;
    private readonly int _count;
    private Hj212CpEntry[]? _entries;

    internal Hj212CpList(string text, Slot[] slots, int count)
    {
        _text = text;
        _slots = slots;
        _count = count;
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
            var s = _slots[i];
            arr[i] = new Hj212CpEntry(Hj212Parser.Text(_text.AsSpan(s.KeyStart, s.KeyLength), key: true),
                Hj212Parser.Text(_text.AsSpan(s.ValueStart, s.ValueLength), key: false)) { Position = s.Position };
        }
        return Interlocked.CompareExchange(ref _entries, arr, null) ?? arr;
    }

    public IEnumerator<Hj212CpEntry> GetEnumerator() => ((IEnumerable<Hj212CpEntry>)Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
