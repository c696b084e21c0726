using Microsoft.EntityFrameworkCore;
using SmartEnv.Simulation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Simulation;

/// <summary>What <see cref="SimulatedSites.PurgeAsync"/> removed.</summary>
/// <param name="Sites">Simulated sites.</param>
/// <param name="Devices">Their loggers.</param>
/// <param name="Observations">Their stored values.</param>
/// <param name="HourlyAqi">Their hourly AQI rows.</param>
/// <param name="DailyAqi">Their daily AQI rows.</param>
/// <param name="Alerts">Their alerts.</param>
/// <param name="Packets">Raw packets sent by their loggers, and quarantined packets of unregistered simulator MNs.</param>
public sealed record SimulationPurgeResult(int Sites, int Devices, int Observations, int HourlyAqi, int DailyAqi, int Alerts, int Packets);

/// <summary>
/// The sites <c>smartenv simulate</c> writes to unless told to use a real station: their codes start with
/// <see cref="CodePrefix"/> (<c>SIM-A001</c> air, <c>SIM-N001</c> noise, <c>SIM-1420A</c> for a replayed station), their
/// names with 模拟站点, and they are non-public and outside the district (<see cref="Site.InDistrict"/> false), so simulated
/// data never pass for a station's. <see cref="PurgeAsync"/> removes everything a simulation created. Thread-safe (static,
/// no state).
/// </summary>
public static class SimulatedSites
{
    /// <summary>Code prefix of every simulated site.</summary>
    public const string CodePrefix = "SIM-";

    /// <summary>Default MN prefix of simulated loggers (<see cref="SimulatorOptions.MnPrefix"/>).</summary>
    public const string MnPrefix = "SIM";

    /// <summary>Code of the simulated site of logger <paramref name="index"/>: <c>SIM-A001</c> (air), <c>SIM-N001</c> (noise).</summary>
    /// <param name="kind">Generated traffic.</param>
    /// <param name="index">0-based logger index.</param>
    public static string Code(SimulatedKind kind, int index) =>
        CodePrefix + (kind == SimulatedKind.Noise ? "N" : "A") + (index + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Code of the simulated site standing in for a replayed station: <c>SIM-</c> + station code, e.g. <c>SIM-1420A</c>.</summary>
    /// <param name="station">Station code in the replayed file.</param>
    public static string ReplayCode(string station) => (CodePrefix + station) is var c && c.Length > 64 ? c[..64] : c;

    /// <summary>Chinese name of the simulated site of logger <paramref name="index"/>, e.g. <c>模拟站点1（空气）</c>.</summary>
    /// <param name="kind">Generated traffic.</param>
    /// <param name="index">0-based logger index.</param>
    public static string NameZh(SimulatedKind kind, int index) => $"模拟站点{index + 1}（{(kind == SimulatedKind.Noise ? "噪声" : "空气")}）";

    /// <summary>English name, e.g. <c>Simulated site 1 (air)</c>.</summary>
    /// <param name="kind">Generated traffic.</param>
    /// <param name="index">0-based logger index.</param>
    public static string NameEn(SimulatedKind kind, int index) => $"Simulated site {index + 1} ({(kind == SimulatedKind.Noise ? "noise" : "air")})";

    /// <summary>True for a simulated site's code.</summary>
    /// <param name="code">Site code.</param>
    public static bool IsSimulated(string code) => code.StartsWith(CodePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Removes every simulated site (code <see cref="CodePrefix"/>…) and everything under it — alerts, daily and hourly AQI
    /// and their evaluation state (<c>evaluation_days</c>), observations, its loggers and the raw packets they sent — plus quarantined packets whose MN starts with
    /// <paramref name="mnPrefix"/> and is no registered logger's (a run without <c>--register</c>). Real sites and their data
    /// are not touched. One transaction; running it again removes nothing.
    /// </summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="mnPrefix">MN prefix of the simulated loggers; <see cref="MnPrefix"/> by default.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="System.Data.Common.DbException">The database failed (nothing is removed: one transaction).</exception>
    /// <param name="actor">Who purges (audit entry <c>simulation.purge</c> with the counts, in the purge's transaction); null = the system job <c>simulation</c>.</param>
    public static async Task<SimulationPurgeResult> PurgeAsync(SmartEnvStore store, string mnPrefix = MnPrefix, CancellationToken ct = default, SmartEnv.Storage.Audit.AuditActor? actor = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(mnPrefix);
        await using var db = store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sites = await db.Sites.Where(s => s.Code.StartsWith(CodePrefix)).Select(s => s.Id).ToListAsync(ct);
        var mns = await db.Devices.Where(d => sites.Contains(d.SiteId)).Select(d => d.Mn).ToListAsync(ct);
        var registered = db.Devices.Select(d => d.Mn);
        var alerts = await db.Alerts.Where(a => sites.Contains(a.SiteId)).ExecuteDeleteAsync(ct);
        var daily = await db.DailyAqi.IgnoreQueryFilters().Where(a => sites.Contains(a.SiteId) && a.Reviewed).ExecuteDeleteAsync(ct);
        var hourly = await db.HourlyAqi.IgnoreQueryFilters().Where(a => sites.Contains(a.SiteId) && a.Reviewed).ExecuteDeleteAsync(ct);
        // Realtime-series rows and review records of simulated sites (数据审核) go with them; restores before their marks.
        await db.DailyAqi.IgnoreQueryFilters().Where(a => sites.Contains(a.SiteId)).ExecuteDeleteAsync(ct);
        await db.HourlyAqi.IgnoreQueryFilters().Where(a => sites.Contains(a.SiteId)).ExecuteDeleteAsync(ct);
        await db.ReviewMarks.Where(r => sites.Contains(r.SiteId) && r.RestoresId != null).ExecuteDeleteAsync(ct);
        await db.ReviewMarks.Where(r => sites.Contains(r.SiteId)).ExecuteDeleteAsync(ct);
        await db.EvaluationDays.Where(e => sites.Contains(e.SiteId)).ExecuteDeleteAsync(ct); // their evaluation state
        await db.EvaluationClaims.Where(e => sites.Contains(e.SiteId)).ExecuteDeleteAsync(ct);
        await db.HourSums.Where(h => sites.Contains(h.SiteId)).ExecuteDeleteAsync(ct); // hour aggregates (issue 15)
        await db.PacketKeys.Where(k => mns.Contains(k.Mn)).ExecuteDeleteAsync(ct); // resend keys of their devices
        var observations = await db.Observations.Where(o => sites.Contains(o.SiteId)).ExecuteDeleteAsync(ct);
        var packets = await db.RawPackets.Where(p => p.Mn != null && (mns.Contains(p.Mn)
            || (p.Status == PacketStatus.Quarantined && p.Mn.StartsWith(mnPrefix) && !registered.Contains(p.Mn))))
            .Where(p => !db.Observations.Any(o => o.RawPacketId == p.Id)).ExecuteDeleteAsync(ct);
        var devices = await db.Devices.Where(d => sites.Contains(d.SiteId)).ExecuteDeleteAsync(ct);
        var removed = await db.Sites.Where(s => sites.Contains(s.Id)).ExecuteDeleteAsync(ct);
        await SmartEnv.Storage.Audit.AuditTrail.AppendAsync(db, actor ?? SmartEnv.Storage.Audit.AuditActor.System("simulation"), "simulation.purge", "simulation", mnPrefix, null,
            new { sites = removed, devices, observations, hourly_aqi = hourly, daily_aqi = daily, alerts, packets }, ct: ct);
        await tx.CommitAsync(ct);
        return new SimulationPurgeResult(removed, devices, observations, hourly, daily, alerts, packets);
    }
}
