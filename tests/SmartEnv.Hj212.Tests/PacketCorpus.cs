using System.Text;
using SmartEnv.Tests;

namespace SmartEnv.Hj212.Tests;

/// <summary>Rows of shared/data/hj212/packets.tsv (id, source, kind, crc_valid, description, packet).</summary>
public static class PacketCorpus
{
    public sealed record Row(string Id, string Kind, bool CrcValid, string Description, string Packet)
    {
        public byte[] Bytes => Encoding.UTF8.GetBytes(Packet);
        public override string ToString() => Id;
    }

    private static readonly Lazy<IReadOnlyDictionary<string, Row>> Rows = new(Load);

    public static IReadOnlyDictionary<string, Row> All => Rows.Value;

    public static Row Get(string id) => All[id];

    /// <summary>The TSV writes CR LF as the 4 characters \r\n and LF as \n.</summary>
    public static string Unescape(string s) => s.Replace("\\r\\n", "\r\n").Replace("\\n", "\n");

    private static IReadOnlyDictionary<string, Row> Load()
    {
        var path = RepoPaths.SharedFile("data/hj212/packets.tsv");
        var d = new Dictionary<string, Row>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            if (line.Length == 0) continue;
            var c = line.Split('\t');
            if (c.Length != 6) throw new InvalidDataException($"packets.tsv: expected 6 columns, got {c.Length} in {c[0]}");
            d[c[0]] = new Row(c[0], c[2], c[3] == "yes", c[4], Unescape(c[5]));
        }
        return d;
    }
}
