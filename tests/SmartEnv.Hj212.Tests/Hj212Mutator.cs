using System.Text;

namespace SmartEnv.Hj212.Tests;

/// <summary>
/// Deterministic mutation fuzzer over the packet corpus: bit flips, interesting bytes, protocol tokens, deletions,
/// duplications, splices of two packets, truncations, odd length fields; half of the mutants get a repaired length
/// and CRC so that mutations reach the header and CP parser instead of stopping at the CRC check.
/// </summary>
public sealed class Hj212Mutator
{
    private static readonly byte[] Interesting = "#&\r\n;,=-09Aaf/ "u8.ToArray().Concat(new byte[] { 0x80, 0xE6, 0xFF, 0x00, 0xC0, 0xA1 }).ToArray();

    private static readonly byte[][] Tokens = new[]
    {
        "##", "&&", "\r\n", "\n", "CP=&&", ";", ",", "=", "Flag=", "Flag=7;PNUM=2;PNO=3;", "PNUM=0;", "##0101", "##999", "//",
        "DataTime=", "DataTime=20161301256161;", "-Rtd=", "-Flag=N", "1C80", "清洗", "QN=", "ST=", "CN=9999;", "MN=;",
        "FLAG=255;", "Flag=-1;", "a34004-Rtd=1e9", "&&&&", "##0000", "i11001-Info=//", "-", "99999999999999999999",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    private readonly Random _rnd;
    private readonly byte[][] _corpus;

    public Hj212Mutator(int seed, IEnumerable<byte[]> corpus)
    {
        _rnd = new Random(seed);
        _corpus = corpus.ToArray();
    }

    public byte[] Next()
    {
        var data = new List<byte>(_corpus[_rnd.Next(_corpus.Length)]);
        int n = 1 + _rnd.Next(4);
        for (int i = 0; i < n; i++) Mutate(data);
        if (_rnd.Next(2) == 0) Repair(data);
        return data.ToArray();
    }

    private void Mutate(List<byte> d)
    {
        int pos = d.Count == 0 ? 0 : _rnd.Next(d.Count);
        switch (_rnd.Next(9))
        {
            case 0 when d.Count > 0: d[pos] ^= (byte)(1 << _rnd.Next(8)); break;
            case 1 when d.Count > 0: d[pos] = Interesting[_rnd.Next(Interesting.Length)]; break;
            case 2: d.InsertRange(pos, Tokens[_rnd.Next(Tokens.Length)]); break;
            case 3 when d.Count > 0: d.RemoveRange(pos, Math.Min(d.Count - pos, 1 + _rnd.Next(16))); break;
            case 4 when d.Count > 0:
                {
                    int len = Math.Min(d.Count - pos, 1 + _rnd.Next(64));
                    d.InsertRange(_rnd.Next(d.Count), d.GetRange(pos, len));
                    break;
                }
            case 5:
                {
                    var other = _corpus[_rnd.Next(_corpus.Length)];
                    int cut = _rnd.Next(other.Length);
                    d.RemoveRange(pos, d.Count - pos);
                    d.AddRange(other.AsSpan(cut).ToArray());
                    break;
                }
            case 6: d.RemoveRange(pos, d.Count - pos); break;
            case 7 when d.Count > 6:
                {
                    var digits = _rnd.Next(10000).ToString(_rnd.Next(2) == 0 ? "D4" : "D3");
                    d.RemoveRange(2, 4);
                    d.InsertRange(2, Encoding.ASCII.GetBytes(digits));
                    break;
                }
            default:
                d.AddRange(_corpus[_rnd.Next(_corpus.Length)]); // sticky read
                break;
        }
    }

    // "##" + 4 digits + segment up to the last "&&" + correct CRC + CR LF.
    private static void Repair(List<byte> d)
    {
        if (d.Count < 8 || d[0] != '#' || d[1] != '#') return;
        var arr = d.ToArray();
        int last = arr.AsSpan(6).LastIndexOf("&&"u8);
        if (last < 0) return;
        var seg = arr.AsSpan(6, last + 2);
        if (seg.Length > 9999) return;
        var fixedUp = new List<byte>(seg.Length + 12);
        fixedUp.AddRange("##"u8.ToArray());
        fixedUp.AddRange(Encoding.ASCII.GetBytes(seg.Length.ToString("D4")));
        fixedUp.AddRange(seg.ToArray());
        fixedUp.AddRange(Encoding.ASCII.GetBytes(Hj212Crc.Format(Hj212Crc.Compute(seg))));
        fixedUp.AddRange("\r\n"u8.ToArray());
        d.Clear();
        d.AddRange(fixedUp);
    }
}
