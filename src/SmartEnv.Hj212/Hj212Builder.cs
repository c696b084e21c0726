using System.Globalization;
using SmartEnv.Standards.Common;

namespace SmartEnv.Hj212;

/// <summary>
/// Builds the platform's answers and requests as <see cref="Hj212Packet"/>s; write them with
/// <see cref="Hj212Serializer.ToBytes"/>. Shapes follow HJ 212-2017 §6.5 and Appendix C; <c>Parse(ToBytes(x))</c>
/// gives back <c>x</c>. Thread-safe.
/// </summary>
public static class Hj212Builder
{
    /// <summary>
    /// 9014 数据应答 for an upload with Flag bit A set (HJ 212-2017 §6.5, C.14–C.19, C.50): the upload's QN echoed,
    /// ST=91, CN=9014, the upload's PW and MN, Flag = the upload's version bits without A and D, empty CP. Each part of
    /// a split upload gets its own 9014 echoing that part's QN. For a 2005 upload without Flag, Flag is omitted too.
    /// </summary>
    /// <param name="upload">The accepted upload packet.</param>
    /// <returns>The answer packet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="upload"/> is null.</exception>
    public static Hj212Packet DataAnswer9014(Hj212Packet upload) => Answer(upload, "9014", []);

    /// <summary>9013 通知应答 for a notify packet (1013 from the field; C.4): QN echoed, ST=91, empty CP.</summary>
    /// <param name="notify">The accepted notify packet.</param>
    /// <exception cref="ArgumentNullException"><paramref name="notify"/> is null.</exception>
    public static Hj212Packet NotifyAnswer9013(Hj212Packet notify) => Answer(notify, "9013", []);

    /// <summary>9011 请求应答 (C.2): QN echoed, ST=91, <c>CP=&amp;&amp;QnRtn=n&amp;&amp;</c> (table 7).</summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="qnRtn">The answer code.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static Hj212Packet RequestAnswer9011(Hj212Packet request, Hj212QnRtn qnRtn) =>
        Answer(request, "9011", [new Hj212CpEntry("QnRtn", ((int)qnRtn).ToString(CultureInfo.InvariantCulture))]);

    /// <summary>9012 执行结果 (C.3): QN echoed, ST=91, <c>CP=&amp;&amp;ExeRtn=n&amp;&amp;</c> (table 6).</summary>
    /// <param name="request">The request whose execution is reported.</param>
    /// <param name="exeRtn">The result code.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static Hj212Packet ExecutionResult9012(Hj212Packet request, Hj212ExeRtn exeRtn) =>
        Answer(request, "9012", [new Hj212CpEntry("ExeRtn", ((int)exeRtn).ToString(CultureInfo.InvariantCulture))]);

    /// <summary>1011 提取现场机时间 (C.5): <c>CP=&amp;&amp;PolId=…&amp;&amp;</c>, or empty CP for the logger itself.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="polId">Factor code of the instrument, or null for the data logger.</param>
    public static Hj212Packet GetFieldTime1011(Hj212Addressee to, string? polId = null) =>
        Request(to, Hj212Command.GetFieldTime, polId is null ? [] : [new Hj212CpEntry("PolId", polId)]);

    /// <summary>1012 设置现场机时间 (C.7): <c>CP=&amp;&amp;[PolId=…;]SystemTime=YYYYMMDDhhmmss&amp;&amp;</c>.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="systemTime">The time to set; written in <paramref name="offset"/> (Beijing, +08:00, by default).</param>
    /// <param name="polId">Factor code of the instrument, or null for the data logger.</param>
    /// <param name="offset">UTC offset of the written time; null means +08:00.</param>
    public static Hj212Packet SetFieldTime1012(Hj212Addressee to, DateTimeOffset systemTime, string? polId = null, TimeSpan? offset = null)
    {
        var cp = new List<Hj212CpEntry>(2);
        if (polId is not null) cp.Add(new Hj212CpEntry("PolId", polId));
        cp.Add(new Hj212CpEntry("SystemTime", Hj212Time.Format(systemTime, offset ?? Beijing)));
        return Request(to, Hj212Command.SetFieldTime, cp);
    }

    /// <summary>1061 提取实时数据间隔 (C.9): empty CP.</summary>
    /// <param name="to">Addressee and QN.</param>
    public static Hj212Packet GetRealtimeInterval1061(Hj212Addressee to) => Request(to, Hj212Command.GetRealtimeInterval, []);

    /// <summary>1062 设置实时数据间隔 (C.11, Appendix A example): <c>CP=&amp;&amp;RtdInterval=n&amp;&amp;</c>.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="seconds">Interval in seconds, 30–3600 (table 4).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is outside 30–3600.</exception>
    public static Hj212Packet SetRealtimeInterval1062(Hj212Addressee to, int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 30);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 3600);
        return Request(to, Hj212Command.SetRealtimeInterval, [new Hj212CpEntry("RtdInterval", seconds.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>2011 取污染物实时数据 (C.13): start real-time uploads; empty CP.</summary>
    /// <param name="to">Addressee and QN.</param>
    public static Hj212Packet RequestRealtimeData2011(Hj212Addressee to) => Request(to, Hj212Command.RealtimeData, []);

    /// <summary>2031 取污染物日历史数据 (C.18): <c>CP=&amp;&amp;BeginTime=…;EndTime=…&amp;&amp;</c>.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="begin">First period start (inclusive).</param>
    /// <param name="end">Last period start (inclusive).</param>
    /// <param name="offset">UTC offset of the written times; null means +08:00.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="begin"/>.</exception>
    public static Hj212Packet RequestDailyData2031(Hj212Addressee to, DateTimeOffset begin, DateTimeOffset end, TimeSpan? offset = null) =>
        History(to, Hj212Command.DailyData, begin, end, offset);

    /// <summary>2051 取污染物分钟数据 (C.16): <c>CP=&amp;&amp;BeginTime=…;EndTime=…&amp;&amp;</c>.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="begin">First period start (inclusive).</param>
    /// <param name="end">Last period start (inclusive).</param>
    /// <param name="offset">UTC offset of the written times; null means +08:00.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="begin"/>.</exception>
    public static Hj212Packet RequestMinuteData2051(Hj212Addressee to, DateTimeOffset begin, DateTimeOffset end, TimeSpan? offset = null) =>
        History(to, Hj212Command.MinuteData, begin, end, offset);

    /// <summary>2061 取污染物小时数据 (C.17): <c>CP=&amp;&amp;BeginTime=…;EndTime=…&amp;&amp;</c>.</summary>
    /// <param name="to">Addressee and QN.</param>
    /// <param name="begin">First period start (inclusive).</param>
    /// <param name="end">Last period start (inclusive).</param>
    /// <param name="offset">UTC offset of the written times; null means +08:00.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="begin"/>.</exception>
    public static Hj212Packet RequestHourlyData2061(Hj212Addressee to, DateTimeOffset begin, DateTimeOffset end, TimeSpan? offset = null) =>
        History(to, Hj212Command.HourlyData, begin, end, offset);

    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static Hj212Packet History(Hj212Addressee to, Hj212Command cn, DateTimeOffset begin, DateTimeOffset end, TimeSpan? offset)
    {
        if (end < begin) throw new ArgumentException("EndTime is before BeginTime", nameof(end));
        var o = offset ?? Beijing;
        return Request(to, cn, [new Hj212CpEntry("BeginTime", Hj212Time.Format(begin, o)), new Hj212CpEntry("EndTime", Hj212Time.Format(end, o))]);
    }

    private static Hj212Packet Request(Hj212Addressee to, Hj212Command cn, IReadOnlyList<Hj212CpEntry> cp)
    {
        ArgumentNullException.ThrowIfNull(to);
        return new Hj212Packet
        {
            Qn = to.Qn, St = to.St, Cn = ((int)cn).ToString(CultureInfo.InvariantCulture), Pw = to.Pw, Mn = to.Mn,
            Flag = to.Flag, Cp = cp,
        };
    }

    private static Hj212Packet Answer(Hj212Packet to, string cn, IReadOnlyList<Hj212CpEntry> cp)
    {
        ArgumentNullException.ThrowIfNull(to);
        return new Hj212Packet
        {
            Qn = to.Qn, St = "91", Cn = cn, Pw = to.Pw, Mn = to.Mn, Flag = to.Flag is { } f ? f & ~3 : null, Cp = cp,
            TimeZoneOffset = to.TimeZoneOffset,
        };
    }
}
