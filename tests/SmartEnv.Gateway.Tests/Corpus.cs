using System.Text;
using SmartEnv.Tests;

namespace SmartEnv.Gateway.Tests;

/// <summary>A row of shared/data/hj212/packets.tsv with expectations computed here from the packet text alone.</summary>
public sealed record CorpusPacket(string Id, string Kind, byte[] Bytes, string Text)
{
    public static IReadOnlyList<CorpusPacket> Load() =>
        File.ReadLines(RepoPaths.SharedFile("data/hj212/packets.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(f =>
            {
                var text = f[5].Replace("\\r", "\r").Replace("\\n", "\n");
                return new CorpusPacket(f[0], f[2], Encoding.UTF8.GetBytes(text), text);
            }).ToList();

    private string Header(string key)
    {
        var cp = Text.IndexOf("CP=&&", StringComparison.Ordinal);
        var head = cp < 0 ? Text : Text[..cp];
        foreach (var part in head.Split(';', ','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && kv[0].EndsWith(key, StringComparison.OrdinalIgnoreCase) && kv[0].Length - key.Length <= 6) return kv[1];
        }
        return "";
    }

    public string Mn => Header("MN");
    public string Pw => Header("PW");
    public string Cn => Header("CN");
    public string Qn => Header("QN");

    /// <summary>CP entries, split on ';' and ',' between the first "CP=&&" and the last "&&".</summary>
    public IReadOnlyList<(string Key, string Value)> Cp
    {
        get
        {
            var start = Text.IndexOf("CP=&&", StringComparison.Ordinal);
            var end = Text.LastIndexOf("&&", StringComparison.Ordinal);
            if (start < 0 || end <= start + 3) return [];
            return Text[(start + 5)..end].Split(';', ',').Select(p => p.Trim().Split('=', 2))
                .Where(kv => kv.Length == 2).Select(kv => (kv[0], kv[1])).ToList();
        }
    }

    public string? DataTime => Cp.FirstOrDefault(e => e.Key == "DataTime").Value;

    /// <summary>Expected observations: one per factor code carrying a value field; value text = Rtd for CN 2011,
    /// Avg otherwise (the other as fall-back, then Data).</summary>
    public IEnumerable<(string Code, string? ValueText)> ExpectedValues()
    {
        var byCode = Cp.Where(e => e.Key.LastIndexOf('-') > 0)
            .GroupBy(e => e.Key[..e.Key.LastIndexOf('-')]);
        foreach (var g in byCode)
        {
            string? F(string name) => g.FirstOrDefault(e => e.Key.EndsWith("-" + name, StringComparison.Ordinal)).Value;
            var v = Cn == "2011" ? F("Rtd") ?? F("Avg") : F("Avg") ?? F("Rtd");
            v ??= F("Data");
            if (v is null && F("Min") is null && F("Max") is null) continue;
            yield return (g.Key, v);
        }
    }
}
