using System.Buffers;

namespace SmartEnv.Hj212;

/// <summary>
/// CRC-16 of an HJ 212 data segment: the bytes from <c>QN=</c> (or the first field) up to and including the closing
/// <c>&amp;&amp;</c>, excluding <c>##</c>, the length field, the CRC and CR LF. Source: HJ 212-2017 Appendix A
/// (example segment → 0x1C80). Thread-safe; no allocations.
/// </summary>
public static class Hj212Crc
{
    // The standard's step "reg = (reg >> 8) ^ b" leaves an 8-bit value, which the 8 shift/XOR rounds map through the
    // reflected 0xA001 table: one lookup per byte gives exactly the Appendix A bit loop.
    private static readonly ushort[] Table = BuildTable();

    private static ushort[] BuildTable()
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int r = i;
            for (int k = 0; k < 8; k++) r = (r & 1) != 0 ? (r >> 1) ^ 0xA001 : r >> 1;
            t[i] = (ushort)r;
        }
        return t;
    }

    // Only the register's high byte survives a step, so between bytes the state is 8 bits: s' = H(s ^ b) with
    // H(x) = Table[x] >> 8, starting from 0xFF; the last byte goes through the full table. CRC tables are linear over
    // GF(2) (T[a ^ b] = T[a] ^ T[b]), so 8 steps unroll to s8 = H^8(s ^ b1) ^ H^7(b2) ^ ... ^ H(b8): one lookup on the
    // dependency chain per 8 bytes and 7 independent ones ("slicing by 8"). Pow[k * 256 + x] = H^(k+1)(x).
    private static readonly byte[] Pow = BuildPowers();

    private static byte[] BuildPowers()
    {
        var p = new byte[8 * 256];
        for (int x = 0; x < 256; x++) p[x] = (byte)(Table[x] >> 8);
        for (int k = 1; k < 8; k++)
            for (int x = 0; x < 256; x++) p[k * 256 + x] = p[p[(k - 1) * 256 + x]];
        return p;
    }

    /// <summary>Computes the standard HJ 212 CRC (Appendix A) over raw bytes.</summary>
    /// <param name="data">The data segment's bytes exactly as received (UTF-8 or GBK; never re-encoded text).</param>
    /// <returns>The CRC as a 16-bit value; print it with <see cref="Format"/> (4 upper-case hex digits, high byte first).</returns>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return 0xFFFF;
        ReadOnlySpan<byte> p = Pow;
        if (p.Length < 2048) return 0;
        uint s = 0xFF;
        int last = data.Length - 1;
        int i = 0;
        for (; i + 8 <= last; i += 8)
        {
            var d = data.Slice(i, 8);
            s = (uint)(p[7 * 256 + (byte)(s ^ d[0])] ^ p[6 * 256 + d[1]] ^ p[5 * 256 + d[2]] ^ p[4 * 256 + d[3]]
                ^ p[3 * 256 + d[4]] ^ p[2 * 256 + d[5]] ^ p[256 + d[6]] ^ p[d[7]]);
        }
        for (; i < last; i++) s = p[(byte)(s ^ data[i])];
        return Table[(byte)(s ^ data[last])];
    }

    /// <summary>Computes the standard HJ 212 CRC over a possibly multi-segment sequence (same result as <see cref="Compute(ReadOnlySpan{byte})"/>).</summary>
    /// <param name="data">The data segment's bytes.</param>
    public static ushort Compute(in ReadOnlySequence<byte> data)
    {
        if (data.IsSingleSegment) return Compute(data.FirstSpan);
        var table = Table;
        uint reg = 0xFFFF;
        foreach (var mem in data)
            foreach (var b in mem.Span) reg = table[(byte)((reg >> 8) ^ b)];
        return (ushort)reg;
    }

    /// <summary>Computes the Modbus CRC-16 (init 0xFFFF, <c>reg ^= b</c>, polynomial 0xA001), as a value whose high
    /// byte is printed first. Not the HJ 212 algorithm; used only for a device's opt-in allow-list.</summary>
    /// <param name="data">The data segment's bytes.</param>
    public static ushort ComputeModbus(ReadOnlySpan<byte> data)
    {
        uint reg = 0xFFFF;
        foreach (var b in data)
        {
            reg ^= b;
            for (int k = 0; k < 8; k++) reg = (reg & 1) != 0 ? (reg >> 1) ^ 0xA001 : reg >> 1;
        }
        return (ushort)reg;
    }

    /// <summary>The Modbus CRC with its two bytes swapped (low byte printed first).</summary>
    /// <param name="data">The data segment's bytes.</param>
    public static ushort ComputeModbusSwapped(ReadOnlySpan<byte> data)
    {
        var v = ComputeModbus(data);
        return (ushort)((v >> 8) | (v << 8));
    }

    /// <summary>Checks a received CRC value against the allowed algorithms, standard first.</summary>
    /// <param name="data">The data segment's bytes.</param>
    /// <param name="received">The CRC value read from the packet.</param>
    /// <param name="allowed">Algorithms to try; <see cref="Hj212CrcVariant.Standard"/> is always tried.</param>
    /// <returns>The algorithm that matched, or <see cref="Hj212CrcVariant.None"/>.</returns>
    public static Hj212CrcVariant Verify(ReadOnlySpan<byte> data, ushort received, Hj212CrcVariant allowed)
    {
        if (Compute(data) == received) return Hj212CrcVariant.Standard;
        if ((allowed & Hj212CrcVariant.Modbus) != 0 && ComputeModbus(data) == received) return Hj212CrcVariant.Modbus;
        if ((allowed & Hj212CrcVariant.ModbusSwapped) != 0 && ComputeModbusSwapped(data) == received) return Hj212CrcVariant.ModbusSwapped;
        return Hj212CrcVariant.None;
    }

    /// <summary>Formats a CRC the way the standard prints it: 4 upper-case hex digits, high byte first (e.g. <c>1C80</c>).</summary>
    /// <param name="crc">The CRC value.</param>
    public static string Format(ushort crc) => crc.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses 1–4 hex digits, case-insensitive, without allocating.</summary>
    /// <param name="hex">ASCII hex digits.</param>
    /// <param name="value">The value when the text is 1–4 hex digits.</param>
    /// <returns><c>true</c> when every byte is a hex digit and there are 1–4 of them.</returns>
    public static bool TryParseHex(ReadOnlySpan<byte> hex, out ushort value)
    {
        value = 0;
        if (hex.Length is < 1 or > 4) return false;
        int v = 0;
        foreach (var c in hex)
        {
            int d = HexValue(c);
            if (d < 0) return false;
            v = (v << 4) | d;
        }
        value = (ushort)v;
        return true;
    }

    internal static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
