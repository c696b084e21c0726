using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartEnv.Hj212;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv hj212 parse</c> (frame and parse TCP reads given one per stdin line) and <c>smartenv hj212 build</c>
/// (answers and requests). Thin shell over SmartEnv.Hj212; see docs/hj212.md.
/// </summary>
public static class Hj212Command
{
    /// <summary>Creates the <c>hj212</c> command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("hj212", "HJ 212 污染物在线监控数据传输 — parse and build packets (HJ 212-2017, HJ/T 212-2005, HJ 212-2025).");
        cmd.Subcommands.Add(CreateParse(context));
        cmd.Subcommands.Add(CreateBuild(context));
        return cmd;
    }

    /// <summary>One line of <c>hj212 parse</c> output (JSON, snake_case).</summary>
    public sealed record ParsedFrame
    {
        /// <summary>1-based stdin line on which the frame starts.</summary>
        public int Line { get; init; }
        /// <summary>True when the packet was accepted.</summary>
        public bool Ok { get; init; }
        /// <summary>Rejection code (snake_case reason or refused deviation), null when accepted.</summary>
        public string? Reason { get; init; }
        /// <summary>Byte offset of the rejection within the frame, null when accepted.</summary>
        public int? Position { get; init; }
        /// <summary>Tolerated deviations (snake_case codes, each once).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];
        /// <summary>Every warning with what it concerns and where: <c>code (detail) at byte N</c>, e.g.
        /// <c>unregistered_factor_code (a34006) at byte 98</c>.</summary>
        public IReadOnlyList<string> WarningDetails { get; init; } = [];
        /// <summary>Rejection detail (English), null when accepted.</summary>
        public string? Detail { get; init; }
        /// <summary>True when the standard (Appendix A) CRC verified.</summary>
        public bool CrcOk { get; init; }
        /// <summary>CRC algorithm that verified: standard, modbus, modbus_swapped or none.</summary>
        public string CrcVariant { get; init; } = "none";
        /// <summary>Framing rule that located the end: length_in_bytes, length_in_chars, length_plus_six, three_digit_length or none.</summary>
        public string FramingRule { get; init; } = "none";
        /// <summary>QN.</summary>
        public string? Qn { get; init; }
        /// <summary>ST.</summary>
        public string? St { get; init; }
        /// <summary>CN.</summary>
        public string? Cn { get; init; }
        /// <summary>MN.</summary>
        public string? Mn { get; init; }
        /// <summary>Flag.</summary>
        public int? Flag { get; init; }
        /// <summary>Protocol version from Flag: 2005, 2017, 2025 or unknown.</summary>
        public string? Version { get; init; }
        /// <summary>Flag bit A.</summary>
        public bool? AckRequested { get; init; }
        /// <summary>PNUM.</summary>
        public int? Pnum { get; init; }
        /// <summary>PNO.</summary>
        public int? Pno { get; init; }
        /// <summary>DataTime as ISO 8601 with offset (Beijing +08:00 by default).</summary>
        public string? DataTime { get; init; }
        /// <summary>CP entries except DataTime and the -Flag entries (whose value is given as <c>flag</c>).</summary>
        public IReadOnlyList<ParsedItem> Items { get; init; } = [];
    }

    /// <summary>One CP value of <c>hj212 parse</c> output.</summary>
    /// <param name="Code">Factor code, null for parameters such as RtdInterval.</param>
    /// <param name="Field">Rtd, Avg, Min, Max, Cou, ZsAvg, Data, … or the parameter name.</param>
    /// <param name="Value">Value text exactly as sent.</param>
    /// <param name="Flag">The factor's -Flag value (N, D, T, …) or null.</param>
    public sealed record ParsedItem(string? Code, string Field, string Value, string? Flag);

    private static Command CreateParse(CliContext context)
    {
        var strict = new Option<bool>("--strict") { Description = "Reject every deviation from HJ 212-2017 (default: tolerant, deviations become warnings)." };
        var jsonl = new Option<bool>("--jsonl") { Description = "One JSON object per line (default: one JSON array)." };
        var cmd = new Command("parse", "Frame and parse stdin as bytes (UTF-8 or GBK, as the gateway reads them): each line is one TCP read; the literal characters \\r\\n mean CR LF (\\n alone: LF). Exit 1 when a frame was rejected.");
        cmd.Options.Add(strict);
        cmd.Options.Add(jsonl);
        cmd.SetAction(pr =>
        {
            var policy = pr.GetValue(strict) ? Hj212ParsePolicy.Strict : Hj212ParsePolicy.Tolerant;
            var results = context.InBytes is { } bytes ? Parse(bytes, policy) : Parse(context.In, policy);
            if (pr.GetValue(jsonl))
                foreach (var r in results) context.Out.WriteLine(JsonSerializer.Serialize(r, CliJson.Options));
            else context.Out.WriteLine(JsonSerializer.Serialize(results, CliJson.Indented));
            return results.All(r => r.Ok) ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Frames and parses text lines (encoded as UTF-8) as consecutive reads of one connection.</summary>
    /// <param name="input">Lines; <c>\r\n</c> and <c>\n</c> written as literal backslash sequences.</param>
    /// <param name="policy">Parse policy.</param>
    public static IReadOnlyList<ParsedFrame> Parse(TextReader input, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Parse(new MemoryStream(Encoding.UTF8.GetBytes(input.ReadToEnd())), policy);
    }

    /// <summary>Frames and parses every line of <paramref name="input"/> as consecutive reads of one connection. Lines
    /// are split on LF bytes (a CR before it is dropped) and handed to the framer as bytes, never decoded, so a GBK
    /// packet is framed, CRC-checked and decoded exactly as the gateway does.</summary>
    /// <param name="input">Bytes; <c>\r\n</c> and <c>\n</c> written as literal backslash sequences.</param>
    /// <param name="policy">Parse policy.</param>
    public static IReadOnlyList<ParsedFrame> Parse(Stream input, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        var framer = new Hj212Framer();
        var pending = new List<byte>();
        var lineStarts = new List<(long Offset, int Line)>();
        long streamEnd = 0;
        var output = new List<ParsedFrame>();
        int lineNo = 0;

        void Drain(bool completed)
        {
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            long startLength = buffer.Length;
            while (framer.TryReadFrame(ref buffer, completed, out var frame))
                output.Add(ToJson(Hj212Parser.Parse(frame, policy), LineOf(frame.StreamOffset)));
            pending.RemoveRange(0, (int)(startLength - buffer.Length));
        }

        int cursor = 0; // frames come in stream order, so the line lookup only moves forward
        int LineOf(long offset)
        {
            while (cursor + 1 < lineStarts.Count && lineStarts[cursor + 1].Offset <= offset) cursor++;
            return lineStarts.Count == 0 ? 1 : lineStarts[cursor].Line;
        }

        foreach (var line in ByteLines(input))
        {
            lineNo++;
            var bytes = Unescape(line);
            lineStarts.Add((streamEnd, lineNo));
            streamEnd += bytes.Length;
            pending.AddRange(bytes);
            Drain(false);
        }
        Drain(true);
        return output;
    }

    // Lines of a byte stream without their LF (or CR LF), like TextReader.ReadLine but without decoding.
    private static IEnumerable<byte[]> ByteLines(Stream input)
    {
        var line = new List<byte>();
        var buf = new byte[64 * 1024];
        for (int n; (n = input.Read(buf)) > 0;)
        {
            for (int i = 0; i < n; i++)
            {
                if (buf[i] != (byte)'\n') { line.Add(buf[i]); continue; }
                if (line.Count > 0 && line[^1] == (byte)'\r') line.RemoveAt(line.Count - 1);
                yield return line.ToArray();
                line.Clear();
            }
        }
        if (line.Count > 0) yield return line.ToArray();
    }

    // The literal characters \r\n become CR LF and \n becomes LF; every other byte is kept.
    private static byte[] Unescape(byte[] line)
    {
        var o = new List<byte>(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\' && i + 3 < line.Length && line[i + 1] == (byte)'r' && line[i + 2] == (byte)'\\' && line[i + 3] == (byte)'n')
            { o.Add((byte)'\r'); o.Add((byte)'\n'); i += 3; }
            else if (line[i] == (byte)'\\' && i + 1 < line.Length && line[i + 1] == (byte)'n') { o.Add((byte)'\n'); i += 1; }
            else o.Add(line[i]);
        }
        return o.ToArray();
    }

    private static ParsedFrame ToJson(Hj212ParseResult r, int line)
    {
        var common = new ParsedFrame
        {
            Line = line,
            Ok = r.IsAccepted,
            Reason = r.Rejection?.Code,
            Position = r.Rejection?.Position,
            Warnings = r.Warnings.Select(w => w.Code).Distinct().ToArray(),
            WarningDetails = r.Warnings.Select(w => $"{w.Describe()} at byte {w.Position}").ToArray(),
            Detail = r.Rejection?.Detail,
            CrcOk = r.CrcOk,
            CrcVariant = r.CrcVariant switch
            {
                Hj212CrcVariant.Standard => "standard",
                Hj212CrcVariant.Modbus => "modbus",
                Hj212CrcVariant.ModbusSwapped => "modbus_swapped",
                _ => "none",
            },
            FramingRule = SmartEnv.Web.Contracts.ContractJson.EnumValue(r.Rule),
        };
        if (r.Packet is not { } p) return common;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in p.Cp)
            if (e.Code is { } c && e.Field == "Flag") flags.TryAdd(c, e.Value);
        var items = p.Cp
            .Where(e => !(e.Code is null && e.Key.Equals("DataTime", StringComparison.OrdinalIgnoreCase)) && !(e.Code is not null && e.Field == "Flag"))
            .Select(e => new ParsedItem(e.Code, e.Field, e.Value, e.Code is { } c && flags.TryGetValue(c, out var f) ? f : null))
            .ToArray();
        return common with
        {
            Qn = p.Qn, St = p.St, Cn = p.Cn, Mn = p.Mn, Flag = p.Flag,
            Version = p.Version switch
            {
                Hj212Version.Hj212_2005 => "2005",
                Hj212Version.Hj212_2017 => "2017",
                Hj212Version.Hj212_2025 => "2025",
                _ => "unknown",
            },
            AckRequested = p.AckRequested, Pnum = p.Pnum, Pno = p.Pno,
            DataTime = p.DataTime?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture),
            Items = items,
        };
    }


    private static Command CreateBuild(CliContext context)
    {
        var what = new Argument<string>("what")
        {
            Description = "9011 | 9012 | 9013 | 9014 (answers: to the packet on stdin, or to --qn/--pw/--mn/--flag) | "
                + "1011 | 1012 | 1061 | 1062 | 2011 | 2031 | 2051 | 2061 (requests) | packet (any CN, with --cn and --cp)",
        };
        var qn = new Option<string?>("--qn") { Description = "QN, 17 digits (default: now, Beijing time; requests and 'packet')." };
        var st = new Option<string?>("--st") { Description = "ST system code (requests, packet)." };
        var cn = new Option<string?>("--cn") { Description = "CN command code (packet)." };
        var pw = new Option<string?>("--pw") { Description = "PW password." };
        var mn = new Option<string?>("--mn") { Description = "MN device id." };
        var flag = new Option<int?>("--flag") { Description = "Flag (default: 5 = 2017 + ack for requests and 'packet', 7 = + split bit D for a 'packet' with --pnum; answers derive it from the request)." };
        var pnum = new Option<int?>("--pnum") { Description = "PNUM (packet)." };
        var pno = new Option<int?>("--pno") { Description = "PNO (packet)." };
        var cp = new Option<string?>("--cp") { Description = "CP body for 'packet', e.g. \"DataTime=20260101120000;a34004-Rtd=35,a34004-Flag=N\"." };
        var qnRtn = new Option<int>("--qnrtn") { Description = "QnRtn for 9011 (table 7; default 1 ready).", DefaultValueFactory = _ => 1 };
        var exeRtn = new Option<int>("--exertn") { Description = "ExeRtn for 9012 (table 6; default 1 success).", DefaultValueFactory = _ => 1 };
        var polId = new Option<string?>("--pol-id") { Description = "PolId for 1011/1012 (instrument factor code)." };
        var time = new Option<string?>("--time") { Description = "SystemTime for 1012, YYYYMMDDhhmmss Beijing time." };
        var interval = new Option<int?>("--interval") { Description = "RtdInterval for 1062, seconds (30-3600)." };
        var begin = new Option<string?>("--begin") { Description = "BeginTime for 2031/2051/2061, YYYYMMDDhhmmss Beijing time." };
        var end = new Option<string?>("--end") { Description = "EndTime for 2031/2051/2061, YYYYMMDDhhmmss Beijing time." };
        var raw = new Option<bool>("--raw") { Description = "Write the bytes with a real CR LF (default: one line with the literal characters \\r\\n, as 'parse' reads)." };

        var cmd = new Command("build", "Build an HJ 212 answer or request with correct length and CRC.");
        cmd.Arguments.Add(what);
        foreach (var o in new Option[] { qn, st, cn, pw, mn, flag, pnum, pno, cp, qnRtn, exeRtn, polId, time, interval, begin, end, raw })
            cmd.Options.Add(o);
        cmd.SetAction(pr =>
        {
            try
            {
                var w = pr.GetValue(what)!;
                var beijing = BeijingTime.Offset;
                string Req(Option<string?> o, string name) => pr.GetValue(o) ?? throw new ArgumentException($"{name} is required for {w}");
                DateTimeOffset Time(Option<string?> o, string name) =>
                    Hj212Time.TryParse(Req(o, name), beijing, out var t, out _) ? t : throw new ArgumentException($"{name} must be YYYYMMDDhhmmss");
                string theQn = pr.GetValue(qn) ?? Hj212Time.Qn(DateTimeOffset.Now, beijing);

                Hj212Packet Target()
                {
                    if (pr.GetValue(mn) is not null || pr.GetValue(qn) is not null)
                        return new Hj212Packet { Qn = pr.GetValue(qn), St = pr.GetValue(st) ?? "91", Cn = "0000", Pw = pr.GetValue(pw) ?? "", Mn = pr.GetValue(mn) ?? "", Flag = pr.GetValue(flag) ?? 5 };
                    var r = Hj212Parser.Parse(Unescape(context.ReadAllInputBytes()), Hj212ParsePolicy.Tolerant);
                    return r.Packet ?? throw new ArgumentException($"stdin packet rejected: {r.Rejection?.Code}");
                }

                Hj212Addressee To() => new(Req(st, "--st"), Req(pw, "--pw"), Req(mn, "--mn"), theQn,
                    (Hj212Version)(((pr.GetValue(flag) ?? 5) >> 2) & 63), ((pr.GetValue(flag) ?? 5) & 1) != 0);

                Hj212Packet packet = w switch
                {
                    "9011" => Hj212Builder.RequestAnswer9011(Target(), (Hj212QnRtn)pr.GetValue(qnRtn)),
                    "9012" => Hj212Builder.ExecutionResult9012(Target(), (Hj212ExeRtn)pr.GetValue(exeRtn)),
                    "9013" => Hj212Builder.NotifyAnswer9013(Target()),
                    "9014" => Hj212Builder.DataAnswer9014(Target()),
                    "1011" => Hj212Builder.GetFieldTime1011(To(), pr.GetValue(polId)),
                    "1012" => Hj212Builder.SetFieldTime1012(To(), Time(time, "--time"), pr.GetValue(polId)),
                    "1061" => Hj212Builder.GetRealtimeInterval1061(To()),
                    "1062" => Hj212Builder.SetRealtimeInterval1062(To(), pr.GetValue(interval) ?? throw new ArgumentException("--interval is required for 1062")),
                    "2011" => Hj212Builder.RequestRealtimeData2011(To()),
                    "2031" => Hj212Builder.RequestDailyData2031(To(), Time(begin, "--begin"), Time(end, "--end")),
                    "2051" => Hj212Builder.RequestMinuteData2051(To(), Time(begin, "--begin"), Time(end, "--end")),
                    "2061" => Hj212Builder.RequestHourlyData2061(To(), Time(begin, "--begin"), Time(end, "--end")),
                    "packet" => new Hj212Packet
                    {
                        Qn = theQn, St = Req(st, "--st"), Cn = Req(cn, "--cn"), Pw = Req(pw, "--pw"), Mn = Req(mn, "--mn"),
                        Flag = pr.GetValue(flag) ?? (pr.GetValue(pnum) is null ? 5 : 7), Pnum = pr.GetValue(pnum), Pno = pr.GetValue(pno), Cp = CpEntries(pr.GetValue(cp) ?? ""),
                    },
                    _ => throw new ArgumentException($"unknown packet kind '{w}'"),
                };
                var text = Hj212Serializer.ToText(packet);
                if (pr.GetValue(raw)) context.Out.Write(text);
                else context.Out.WriteLine(text.Replace("\r\n", "\\r\\n", StringComparison.Ordinal));
                return 0;
            }
            catch (ArgumentException e)
            {
                context.Err.WriteLine("hj212 build: " + e.Message);
                return 2;
            }
        });
        return cmd;
    }

    private static Hj212CpEntry[] CpEntries(string body) =>
        body.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(kv => kv.Split('=', 2) is [var k, var v] ? new Hj212CpEntry(k, v) : throw new ArgumentException($"CP entry '{kv}' is not key=value"))
            .ToArray();
}
