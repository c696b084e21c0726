using System.Globalization;
using System.Text;

namespace SmartEnv.Hj212;

/// <summary>
/// Writes packets in the standard form: <c>##</c>, 4-digit length in bytes, data segment
/// <c>QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;PNUM=…;PNO=…;CP=&amp;&amp;…&amp;&amp;</c> (absent fields omitted), 4 upper-case
/// hex CRC (Appendix A), CR LF. CP entries of one factor are joined with ',' and factors with ';' (§6.3.3.1). Text is
/// UTF-8. HJ 212-2017 §6.3, table 2. Thread-safe.
/// </summary>
public static class Hj212Serializer
{
    /// <summary>The data segment text (no <c>##</c>, length, CRC or CR LF).</summary>
    /// <param name="packet">The packet.</param>
    /// <exception cref="ArgumentException">A field or CP entry holds text the wire format cannot carry (';', ',', '=',
    /// '&amp;&amp;', CR, LF, or leading/trailing white space).</exception>
    public static string SegmentText(Hj212Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var sb = new StringBuilder(128 + packet.Cp.Count * 24);
        Field(sb, "QN", packet.Qn);
        Field(sb, "ST", packet.St);
        Field(sb, "CN", packet.Cn);
        Field(sb, "PW", packet.Pw);
        Field(sb, "MN", packet.Mn);
        Field(sb, "Flag", packet.Flag?.ToString(CultureInfo.InvariantCulture));
        Field(sb, "PNUM", packet.Pnum?.ToString(CultureInfo.InvariantCulture));
        Field(sb, "PNO", packet.Pno?.ToString(CultureInfo.InvariantCulture));
        sb.Append("CP=&&");
        string? prevCode = null;
        for (int i = 0; i < packet.Cp.Count; i++)
        {
            var e = packet.Cp[i];
            Check(e.Key, "CP key", allowEmpty: false);
            bool log = e.Value.StartsWith("//", StringComparison.Ordinal) && e.Value.Length >= 4 && e.Value.EndsWith("//", StringComparison.Ordinal)
                && e.Value.IndexOf("//", 2, StringComparison.Ordinal) == e.Value.Length - 2;
            if (!log) Check(e.Value, "CP value of " + e.Key, allowEmpty: true);
            var code = e.Code;
            if (i > 0) sb.Append(code is not null && code == prevCode ? ',' : ';');
            sb.Append(e.Key).Append('=').Append(e.Value);
            prevCode = code;
        }
        sb.Append("&&");
        return sb.ToString();
    }

    /// <summary>The complete packet as bytes: <c>##</c> + length + segment + CRC + CR LF.</summary>
    /// <param name="packet">The packet.</param>
    /// <returns>The bytes to send.</returns>
    /// <exception cref="ArgumentException">The packet cannot be written (see <see cref="SegmentText"/>) or its segment
    /// exceeds 9999 bytes (split it with PNUM/PNO; the standard's limit is 1024).</exception>
    public static byte[] ToBytes(Hj212Packet packet)
    {
        var seg = Encoding.UTF8.GetBytes(SegmentText(packet));
        if (seg.Length > 9999) throw new ArgumentException($"data segment of {seg.Length} bytes exceeds the 4-digit length field", nameof(packet));
        var buf = new byte[seg.Length + 12];
        buf[0] = (byte)'#'; buf[1] = (byte)'#';
        Encoding.ASCII.GetBytes(seg.Length.ToString("D4", CultureInfo.InvariantCulture), buf.AsSpan(2));
        seg.CopyTo(buf, 6);
        Encoding.ASCII.GetBytes(Hj212Crc.Format(Hj212Crc.Compute(seg)), buf.AsSpan(6 + seg.Length));
        buf[^2] = (byte)'\r'; buf[^1] = (byte)'\n';
        return buf;
    }

    /// <summary>The complete packet as text (UTF-8 decoded <see cref="ToBytes"/>), ending with CR LF.</summary>
    /// <param name="packet">The packet.</param>
    /// <exception cref="ArgumentException">See <see cref="ToBytes"/>.</exception>
    public static string ToText(Hj212Packet packet) => Encoding.UTF8.GetString(ToBytes(packet));

    private static void Field(StringBuilder sb, string key, string? value)
    {
        if (value is null) return;
        Check(value, key, allowEmpty: true);
        sb.Append(key).Append('=').Append(value).Append(';');
    }

    private static void Check(string text, string what, bool allowEmpty)
    {
        if (text.Length == 0)
        {
            if (allowEmpty) return;
            throw new ArgumentException($"{what} is empty");
        }
        if (text.AsSpan().IndexOfAny(";,=\r\n") >= 0 || text.Contains("&&", StringComparison.Ordinal)
            || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('&'))
            throw new ArgumentException($"{what} '{text}' cannot be carried by an HJ 212 field");
    }
}
