using System.Globalization;
using SmartEnv.Hj212;
using SmartEnv.Standards.Common;

namespace SmartEnv.Simulation;

/// <summary>Medium of a simulated outlet: which HJ 212 system code and factors its logger sends.</summary>
public enum CemsMedium
{
    /// <summary>Flue gas (ST 31, 大气环境污染源; HJ 212-2017 table 5): <c>a21026</c> SO₂, <c>a21002</c> NOx, <c>a34013</c>
    /// particulates (mg/m³, <c>-Avg/-ZsAvg/-Cou/-Flag</c>), <c>a19001</c> O₂ (%), <c>a00000</c> flue-gas flow (m³/s,
    /// <c>-Cou</c> m³), <c>a01012</c> flue-gas temperature (°C) — the field set of plan §3.2.</summary>
    Air,

    /// <summary>Waste water (ST 32, 地表水体环境污染源): <c>w01018</c> COD, <c>w21003</c> NH₃-N (mg/L, <c>-Avg/-Cou/-Flag</c>),
    /// <c>w00000</c> waste-water flow (L/s, <c>-Cou</c> m³).</summary>
    Water,
}

/// <summary>Which media the CEMS loggers simulate when no outlet code says it.</summary>
public enum CemsMediumChoice
{
    /// <summary>Every logger is a flue-gas CEMS (ST 31).</summary>
    Air,

    /// <summary>Every logger is a waste-water online monitor (ST 32).</summary>
    Water,

    /// <summary>Loggers alternate: even index air, odd index water.</summary>
    Both,
}

/// <summary>Which data commands a simulated CEMS logger sends per simulated hour.</summary>
public enum CemsData
{
    /// <summary>The CN 2061 hour upload of every hour, and the CN 2031 day upload after the last hour (23:00) of each Beijing day
    /// the logger simulated completely.</summary>
    Hours,

    /// <summary>As <see cref="Hours"/>, plus per hour one CN 2011 real-time upload (at hh:00:30) and six CN 2051 minute uploads
    /// (10-minute periods, DataTime = period start) whose means are the hour's values.</summary>
    All,
}

/// <summary>
/// Settings of the CEMS mode of <see cref="Hj212Simulator"/> (<see cref="SimulatedKind.Cems"/>): how often an hour exceeds,
/// which limits the simulator aims at and counts against, which media and commands. Immutable; thread-safe.
/// <para>The limits are the simulator's own targets, <b>not</b> read from the store: they must equal the permit limits of
/// the outlets the loggers are bound to for <see cref="SimulatorResult.Exceedances"/> to equal what the platform stores
/// (the defaults equal <c>SourceSeed</c>'s DA001: a21026 35 mg/m³ at 9 % O₂). Default values are a SmartEnv demo
/// profile, not a standard's limits.</para>
/// </summary>
public sealed record CemsSettings
{
    /// <summary>Default limits per factor (mg/m³ for air, mg/L for water): a21026 35, a21002 50, a34013 10 (flue gas,
    /// converted to the reference O₂), w01018 50, w21003 5 (waste water). SmartEnv demo profile — the a21026 value equals
    /// the acceptance fixture's permit limit (plan §4); the others are plausible round values, no standard is claimed.</summary>
    public static IReadOnlyDictionary<string, decimal> DefaultLimits { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["a21026"] = 35m, ["a21002"] = 50m, ["a34013"] = 10m, ["w01018"] = 50m, ["w21003"] = 5m,
    };

    /// <summary>Share of simulated hours, 0–1, whose primary pollutant (<c>a21026</c> air, <c>w01018</c> water) exceeds its
    /// limit (drawn per hour from the seeded generator). Defaults to 0.1.</summary>
    public double ExceedShare { get; init; } = 0.1;

    /// <summary>Media of the loggers when <see cref="OutletMedia"/> does not say. Defaults to <see cref="CemsMediumChoice.Both"/>.</summary>
    public CemsMediumChoice Medium { get; init; } = CemsMediumChoice.Both;

    /// <summary>Medium of logger i when known from its outlet code (<c>…-DA###</c> air, <c>…-DW###</c> water); null or
    /// shorter than the logger count: <see cref="Medium"/> decides.</summary>
    public IReadOnlyList<CemsMedium>? OutletMedia { get; init; }

    /// <summary>Limits the simulator aims at and counts exceedances against, per factor code; factors not listed use
    /// <see cref="DefaultLimits"/>.</summary>
    public IReadOnlyDictionary<string, decimal> Limits { get; init; } = DefaultLimits;

    /// <summary>Reference O₂ (%) of the flue-gas limits: <c>-ZsAvg</c> = <c>-Avg</c> × (21 − O₂ref)/(21 − O₂) (the
    /// conversion of plan §3.2a / OxygenReference), and an air hour is judged on <c>-ZsAvg</c>. Defaults to 9.</summary>
    public decimal ReferenceO2 { get; init; } = 9m;

    /// <summary>Which commands are sent. Defaults to <see cref="CemsData.All"/>.</summary>
    public CemsData Data { get; init; } = CemsData.All;

    /// <summary>Simulated hours per logger; the logger stops after them (null: one hour per interval until the duration
    /// ends).</summary>
    public int? Hours { get; init; }

    /// <summary>Start of the first simulated hour (whole Beijing hour); null: the Beijing hour max(24, hours) hours before
    /// the run starts, so no DataTime lies in the future (the gateway quarantines those).</summary>
    public DateTimeOffset? FirstHour { get; init; }

    /// <summary>The limit of a factor (<see cref="Limits"/>, else <see cref="DefaultLimits"/>), or null.</summary>
    /// <param name="code">HJ 212 factor code.</param>
    public decimal? LimitOf(string code) =>
        Limits.TryGetValue(code, out var l) ? l : DefaultLimits.TryGetValue(code, out var d) ? d : null;

    /// <summary>The medium of logger <paramref name="index"/>.</summary>
    /// <param name="index">0-based logger index.</param>
    public CemsMedium MediumOf(int index) =>
        OutletMedia is { } m && index < m.Count ? m[index]
        : Medium switch { CemsMediumChoice.Air => CemsMedium.Air, CemsMediumChoice.Water => CemsMedium.Water, _ => index % 2 == 0 ? CemsMedium.Air : CemsMedium.Water };

    /// <summary>The medium an outlet site code names: <c>…DA###</c> air, <c>…DW###</c> water (HJ 608 outlet codes), else null.</summary>
    /// <param name="siteCode">Outlet site code, e.g. <c>91500105MA5U0A1661001P-DA001</c>.</param>
    public static CemsMedium? MediumOfOutletCode(string siteCode)
    {
        ArgumentNullException.ThrowIfNull(siteCode);
        if (siteCode.Length < 5) return null;
        var tail = siteCode[^5..];
        if (!tail[2..].All(char.IsAsciiDigit)) return null;
        return tail[..2] switch { "DA" => CemsMedium.Air, "DW" => CemsMedium.Water, _ => null };
    }
}

/// <summary>One hour the simulator made exceed (or that exceeded): the value sent and the limit it was counted against.</summary>
/// <param name="Mn">Logger MN.</param>
/// <param name="DataTime">DataTime of the CN 2061 hour (period start, Beijing, 14 digits).</param>
/// <param name="Code">Factor code.</param>
/// <param name="Value">The value judged: <c>-ZsAvg</c> for flue gas, <c>-Avg</c> for water, as sent (rounded text).</param>
/// <param name="Limit">The limit.</param>
public sealed record CemsExceedance(string Mn, string DataTime, string Code, decimal Value, decimal Limit);

/// <summary>One packet of a simulated logger (every mode; built by <see cref="CemsTraffic"/> in CEMS mode).</summary>
/// <param name="Cn">HJ 212 command (2011, 2051, 2061, 2031).</param>
/// <param name="Qn">Its QN (the 9014 echoes it).</param>
/// <param name="DataTime">DataTime text (14 digits, Beijing).</param>
/// <param name="Bytes">Wire bytes with length and CRC.</param>
/// <param name="Exceedances">For a CN 2061 hour: its values above the limit; empty otherwise.</param>
public sealed record SimulatedPacket(string Cn, string Qn, string DataTime, byte[] Bytes, IReadOnlyList<CemsExceedance> Exceedances);

/// <summary>
/// The packets of one simulated CEMS / waste-water logger (ST 31 / 32), hour by hour: plausible flue-gas or waste-water
/// values, <c>-Avg/-ZsAvg/-Cou/-Flag</c> per factor (HJ 212-2017 table 4 fields), with a seeded share of hours whose primary
/// pollutant exceeds its limit (<see cref="CemsSettings"/>). Values: a non-exceeding hour's pollutant is 30–85 % of its limit,
/// an exceeding hour's primary pollutant 110–160 % (so rounding to the field's 0.1 never crosses the limit); the value judged
/// is the one sent (rounded text). <c>-Cou</c> (kg) = measured concentration × flow × period seconds / 10⁶ — the mass formula
/// of plan §3.2a, so the platform's flow × concentration fallback gives the same mass. Every flag is N (valid). Not
/// thread-safe: one instance per logger, called from that logger's task.
/// </summary>
public sealed class CemsTraffic
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;
    private readonly CemsSettings _s;
    private readonly string _mn, _password;
    private readonly Random _rng;
    private readonly Func<string> _nextQn;
    private readonly Dictionary<string, (decimal Avg, decimal? Zs, decimal? Cou)> _daySums = new(StringComparer.Ordinal);
    private DateOnly? _day;
    private int _dayHours;

    /// <summary>Creates the generator of one logger.</summary>
    /// <param name="settings">CEMS settings.</param>
    /// <param name="medium">The logger's medium.</param>
    /// <param name="mn">Its MN.</param>
    /// <param name="password">Its PW.</param>
    /// <param name="rng">Its seeded value generator.</param>
    /// <param name="nextQn">Makes the next unique QN (17 digits).</param>
    public CemsTraffic(CemsSettings settings, CemsMedium medium, string mn, string password, Random rng, Func<string> nextQn)
    {
        _s = settings ?? throw new ArgumentNullException(nameof(settings));
        Medium = medium;
        _mn = mn;
        _password = password;
        _rng = rng;
        _nextQn = nextQn;
    }

    /// <summary>The logger's medium.</summary>
    public CemsMedium Medium { get; }

    /// <summary>HJ 212 system code of the logger: 31 flue gas, 32 waste water (HJ 212-2017 table 5).</summary>
    public string St => Medium == CemsMedium.Air ? "31" : "32";

    /// <summary>The primary pollutant whose limit the exceeding hours cross: a21026 (SO₂) air, w01018 (COD) water.</summary>
    public string Primary => Medium == CemsMedium.Air ? "a21026" : "w01018";

    /// <summary>The packets of the hour starting at <paramref name="hourStart"/> in send order: (2011, 2051 × 6 with
    /// <see cref="CemsData.All"/>), 2061, and the 2031 of the day when this hour completes a Beijing day this logger
    /// simulated from its 00:00 hour.</summary>
    /// <param name="hourStart">Start of the hour (whole hour).</param>
    public IReadOnlyList<SimulatedPacket> Hour(DateTimeOffset hourStart)
    {
        var bj = hourStart.ToOffset(Beijing);
        var exceed = _rng.NextDouble() < _s.ExceedShare;
        var hour = Medium == CemsMedium.Air ? AirHour(exceed) : WaterHour(exceed);
        var packets = new List<SimulatedPacket>();
        if (_s.Data == CemsData.All)
        {
            packets.Add(Packet("2011", bj.AddSeconds(30), Fields(hour, 1m, "Rtd", 30)));
            ReadOnlySpan<decimal> deltas = [0.04m, -0.04m, 0.02m, -0.02m, 0.06m, -0.06m]; // symmetric: the six means average to the hour's
            for (var k = 0; k < 6; k++)
                packets.Add(Packet("2051", bj.AddMinutes(10 * k), Fields(hour, 1m + deltas[k], "Avg", 600)));
        }
        var dataTime = Hj212Time.Format(bj, Beijing);
        var exceedances = new List<CemsExceedance>();
        foreach (var f in hour.Factors)
            if (f.Limit is { } limit && (f.Zs ?? f.Avg) > limit)
                exceedances.Add(new CemsExceedance(_mn, dataTime, f.Code, f.Zs ?? f.Avg, limit));
        var (qn, bytes) = Bytes("2061", dataTime, Fields(hour, 1m, "Avg", 3600));
        packets.Add(new SimulatedPacket("2061", qn, dataTime, bytes, exceedances));

        var day = DateOnly.FromDateTime(bj.DateTime);
        if (_day != day) { _day = day; _dayHours = 0; _daySums.Clear(); }
        if (_dayHours == bj.Hour) // only days simulated from their first hour on, without gaps
        {
            _dayHours++;
            foreach (var f in hour.Factors)
            {
                var cou = f.CouPerSecond is { } c ? Math.Round(c * 3600m, f.CouDecimals) : (decimal?)null;
                _daySums[f.Code] = _daySums.TryGetValue(f.Code, out var s)
                    ? (s.Avg + f.Avg, s.Zs + f.Zs, s.Cou + cou)
                    : (f.Avg, f.Zs, cou);
            }
            if (_dayHours == 24)
            {
                var dayStart = new DateTimeOffset(bj.Year, bj.Month, bj.Day, 0, 0, 0, Beijing);
                var cp = new List<Hj212CpEntry>();
                foreach (var f in hour.Factors)
                {
                    var s = _daySums[f.Code];
                    cp.Add(new(f.Code + "-Avg", Text(s.Avg / 24m, f.Decimals)));
                    if (s.Zs is { } zs) cp.Add(new(f.Code + "-ZsAvg", Text(zs / 24m, f.Decimals)));
                    if (s.Cou is { } cou) cp.Add(new(f.Code + "-Cou", Text(cou, f.CouDecimals)));
                    cp.Add(new(f.Code + "-Flag", "N"));
                }
                packets.Add(Packet("2031", dayStart, cp));
            }
        }
        return packets;
    }

    /// <summary>One factor of a simulated hour: measured mean, converted mean (flue-gas pollutants), mass or volume per
    /// second for <c>-Cou</c>, limit.</summary>
    private sealed record Factor(string Code, decimal Avg, decimal? Zs, decimal? CouPerSecond, decimal? Limit, int Decimals, int CouDecimals);

    private sealed record SimHour(IReadOnlyList<Factor> Factors);

    private decimal U(decimal lo, decimal hi) => lo + (decimal)_rng.NextDouble() * (hi - lo);

    private static decimal R(decimal v, int decimals) => Math.Round(v, decimals, MidpointRounding.ToEven);

    private static string Text(decimal v, int decimals) => R(v, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);

    // A pollutant's judged value: 30–85 % of the limit, or 110–160 % when this hour exceeds and it is the primary one.
    private decimal Judged(string code, bool exceed, decimal fallback)
    {
        var limit = _s.LimitOf(code) ?? fallback;
        return R(exceed && code == Primary ? limit * U(1.10m, 1.60m) : limit * U(0.30m, 0.85m), 1);
    }

    private SimHour AirHour(bool exceed)
    {
        var o2 = R(U(7.5m, 11.0m), 1);
        var flow = R(U(15m, 40m), 1); // m³/s
        var factors = new List<Factor>();
        foreach (var code in new[] { "a21026", "a21002", "a34013" })
        {
            var zs = Judged(code, exceed, 50m);
            // Measured from converted: ρ′ = ρ × (21 − O₂)/(21 − O₂ref), the inverse of ρ = ρ′ × (21 − O₂ref)/(21 − O₂).
            var measured = R(zs * (21m - o2) / (21m - _s.ReferenceO2), 1);
            factors.Add(new Factor(code, measured, zs, measured * flow / 1_000_000m, _s.LimitOf(code), 1, 4));
        }
        factors.Add(new Factor("a19001", o2, null, null, null, 1, 0));
        factors.Add(new Factor("a00000", flow, null, flow, null, 1, 1));
        factors.Add(new Factor("a01012", R(U(90m, 140m), 1), null, null, null, 1, 0));
        return new SimHour(factors);
    }

    private SimHour WaterHour(bool exceed)
    {
        var flow = R(U(5m, 30m), 2); // L/s
        var factors = new List<Factor>();
        foreach (var code in new[] { "w01018", "w21003" })
        {
            var c = Judged(code, exceed, 10m);
            factors.Add(new Factor(code, c, null, c * flow / 1_000_000m, _s.LimitOf(code), 1, 4)); // mg/L × L/s → kg/s
        }
        factors.Add(new Factor("w00000", flow, null, flow / 1000m, null, 2, 2)); // L/s → m³/s
        return new SimHour(factors);
    }

    // The CP fields of one period: values scaled by `scale` (minute variation), -Cou over `seconds`.
    private static List<Hj212CpEntry> Fields(SimHour hour, decimal scale, string kind, int seconds)
    {
        var cp = new List<Hj212CpEntry>();
        foreach (var f in hour.Factors)
        {
            var s = f.Limit is not null ? scale : 1m; // pollutants vary by minute; flow, O₂ and temperature held for the hour
            cp.Add(new(f.Code + "-" + kind, Text(f.Avg * s, f.Decimals)));
            if (f.Zs is { } zs) cp.Add(new(f.Code + "-Zs" + kind, Text(zs * s, f.Decimals)));
            if (kind != "Rtd" && f.CouPerSecond is { } c) cp.Add(new(f.Code + "-Cou", Text(c * s * seconds, f.CouDecimals)));
            cp.Add(new(f.Code + "-Flag", "N"));
        }
        return cp;
    }

    private SimulatedPacket Packet(string cn, DateTimeOffset dataTime, List<Hj212CpEntry> fields)
    {
        var dt = Hj212Time.Format(dataTime, Beijing);
        var (qn, bytes) = Bytes(cn, dt, fields);
        return new SimulatedPacket(cn, qn, dt, bytes, []);
    }

    private (string Qn, byte[] Bytes) Bytes(string cn, string dataTime, List<Hj212CpEntry> fields)
    {
        var cp = new List<Hj212CpEntry>(fields.Count + 1) { new("DataTime", dataTime) };
        cp.AddRange(fields);
        var qn = _nextQn();
        return (qn, Hj212Serializer.ToBytes(new Hj212Packet { Qn = qn, St = St, Cn = cn, Pw = _password, Mn = _mn, Flag = 5, Cp = cp }));
    }
}
