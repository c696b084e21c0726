using System.Text.Json;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests.Hj212;

public class Hj212CommandTests
{
    private static readonly string[][] Rows = File.ReadLines(RepoPaths.SharedFile("data/hj212/packets.tsv"))
        .Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();

    private static string Packet(string id) => Rows.Single(r => r[0] == id)[5];

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void Whole_corpus_as_one_connection_gives_one_object_per_row_with_the_tsv_crc_verdict()
    {
        var r = CliRunner.Run(string.Join("\n", Rows.Select(x => x[5])), "hj212", "parse", "--jsonl");
        var objs = Lines(r.Out);
        Assert.Equal(Rows.Length, objs.Count);
        for (int i = 0; i < Rows.Length; i++)
        {
            Assert.Equal(i + 1, objs[i].GetProperty("line").GetInt32());
            Assert.True((Rows[i][3] == "yes") == objs[i].GetProperty("crc_ok").GetBoolean(), Rows[i][0]);
            if (Rows[i][2] == "valid") Assert.True(objs[i].GetProperty("ok").GetBoolean(), Rows[i][0]);
        }
        Assert.Equal(1, r.ExitCode); // the corpus holds rejected packets
    }

    [Fact]
    public void Json_fields_of_an_air_minute_packet()
    {
        var r = CliRunner.Run(Packet("hj212-008"), "hj212", "parse", "--jsonl", "--strict");
        Assert.Equal(0, r.ExitCode);
        var o = Lines(r.Out).Single();
        Assert.True(o.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("reason").ValueKind);
        Assert.Equal(0, o.GetProperty("warnings").GetArrayLength());
        Assert.Equal("20220513162608370", o.GetProperty("qn").GetString());
        Assert.Equal("22", o.GetProperty("st").GetString());
        Assert.Equal("2051", o.GetProperty("cn").GetString());
        Assert.Equal("KSWD03_AIR07_0004", o.GetProperty("mn").GetString());
        Assert.Equal(4, o.GetProperty("flag").GetInt32());
        Assert.Equal("2017", o.GetProperty("version").GetString());
        Assert.False(o.GetProperty("ack_requested").GetBoolean());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("pnum").ValueKind);
        Assert.Equal("2022-05-13T16:26:00+08:00", o.GetProperty("data_time").GetString());
        var items = o.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(11, items.Count); // 11 factors, -Avg each; -Flag folded into "flag"
        var co = items.Single(i => i.GetProperty("code").GetString() == "a21005");
        Assert.Equal("Avg", co.GetProperty("field").GetString());
        Assert.Equal("0.427", co.GetProperty("value").GetString());
        Assert.Equal("N", co.GetProperty("flag").GetString());
    }

    [Fact]
    public void Strict_and_tolerant_differ_on_an_edge_row()
    {
        var strict = Lines(CliRunner.Run(Packet("hj212-072"), "hj212", "parse", "--jsonl", "--strict").Out).Single();
        Assert.False(strict.GetProperty("ok").GetBoolean());
        Assert.Equal("comma_between_header_fields", strict.GetProperty("reason").GetString());
        var tolerant = Lines(CliRunner.Run(Packet("hj212-072"), "hj212", "parse", "--jsonl").Out).Single();
        Assert.True(tolerant.GetProperty("ok").GetBoolean());
        Assert.Equal("comma_between_header_fields", tolerant.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void Sticky_and_split_reads()
    {
        var a = Packet("hj212-037");
        var b = Packet("hj212-038");
        // Two packets in one read, then one packet split over two reads.
        var r = CliRunner.Run(a + b + "\n" + a[..50] + "\n" + a[50..], "hj212", "parse", "--jsonl");
        var objs = Lines(r.Out);
        Assert.Equal([1, 1, 2], objs.Select(o => o.GetProperty("line").GetInt32()));
        Assert.All(objs, o => Assert.True(o.GetProperty("ok").GetBoolean()));
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Default_output_is_a_json_array()
    {
        var r = CliRunner.Run(Packet("hj212-001") + "\n" + Packet("hj212-021"), "hj212", "parse");
        var arr = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(2, arr.GetArrayLength());
        Assert.Equal("crc_mismatch", arr[1].GetProperty("reason").GetString());
    }

    [Fact]
    public void Build_reproduces_the_standard_packets()
    {
        var req = CliRunner.Run("", "hj212", "build", "1062", "--st", "32", "--pw", "100000", "--mn", "010000A8900016F000169DC0",
            "--qn", "20160801085857223", "--interval", "30");
        Assert.Equal(0, req.ExitCode);
        Assert.Equal(Packet("hj212-001"), req.Out.TrimEnd('\n'));

        var ack = CliRunner.Run(Packet("hj212-064"), "hj212", "build", "9014");
        Assert.Equal(Packet("hj212-067"), ack.Out.TrimEnd('\n'));

        var raw = CliRunner.Run("", "hj212", "build", "9014", "--qn", "20260706103512345", "--pw", "123456", "--mn", "A110000_0001", "--flag", "9", "--raw");
        Assert.Equal(Packet("hj212-056").Replace("\\r\\n", "\r\n"), raw.Out);
    }

    [Fact]
    public void Built_upload_parses_back()
    {
        var up = CliRunner.Run("", "hj212", "build", "packet", "--qn", "20260101120000000", "--st", "22", "--cn", "2011", "--pw", "123456",
            "--mn", "MN01", "--flag", "5", "--cp", "DataTime=20260101120000;a34004-Rtd=35.0,a34004-Flag=N");
        var parsed = Lines(CliRunner.Run(up.Out, "hj212", "parse", "--jsonl", "--strict").Out).Single();
        Assert.True(parsed.GetProperty("ok").GetBoolean());
        Assert.Equal("35.0", parsed.GetProperty("items")[0].GetProperty("value").GetString());
        Assert.Equal(2, CliRunner.Run("", "hj212", "build", "1062", "--st", "32").ExitCode);
    }
}
