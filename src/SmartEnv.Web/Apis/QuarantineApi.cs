using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary><c>GET /api/quarantine</c>: packets kept but not trusted (unknown MN, wrong PW, bad CRC …), newest first (admin);
/// <c>GET /api/quarantine/counts</c>: every quarantined HJ 212 frame counted per source address and reason, also those
/// beyond the quarantine quota (issue 14 item 1).</summary>
public static class QuarantineApi
{
    /// <summary>One quarantined packet.</summary>
    /// <param name="Id">Raw packet id.</param>
    /// <param name="ReceivedAt">Receive instant, UTC.</param>
    /// <param name="Peer">Remote endpoint.</param>
    /// <param name="Mn">MN read from the packet.</param>
    /// <param name="Cn">CN read from the packet.</param>
    /// <param name="Qn">QN read from the packet.</param>
    /// <param name="Reason">Reason code (unknown_mn, wrong_password …).</param>
    /// <param name="Detail">Reason detail (<c>PW=</c> masked).</param>
    /// <param name="FramingDiagnostics">Framing diagnostics.</param>
    /// <param name="Text">The packet text with the value of every <c>PW=</c> field replaced by <c>******</c>
    /// (<see cref="SmartEnv.Web.Ui.DataService.MaskPassword"/>): a PW, right or wrong, is never returned.</param>
    public sealed record QuarantinedPacketDto(long Id, DateTimeOffset ReceivedAt, string? Peer, string? Mn, string? Cn, string? Qn,
        QuarantineReason? Reason, string? Detail, string? FramingDiagnostics, string Text);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/quarantine", ListAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("quarantine").WithName("ListQuarantine")
            .WithSummary("Quarantined packets, newest first; limit 1–1,000 (default 100), page with before_id (admin).");
        app.MapGet("/api/quarantine/counts", CountsAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("quarantine").WithName("QuarantineCounts")
            .WithSummary("Quarantined HJ 212 frames counted per source address and reason in quota windows starting in [from, to) (default: the last 24 h), including those beyond the quarantine quota that were not stored; most frames first, at most 1,000 rows (admin).");
        return app;
    }

    /// <summary>Quarantined frames of one source address and reason, summed over the quota windows of the range
    /// (<c>quarantine_tallies</c>, docs/gateway.md "Quarantine quota").</summary>
    /// <param name="Address">Source IP address, or <c>*</c> for addresses beyond the per-window tracking cap.</param>
    /// <param name="Reason">Reason code.</param>
    /// <param name="Frames">Frames received.</param>
    /// <param name="Bytes">Their bytes as kept (text, detail, diagnostics, peer; UTF-8).</param>
    /// <param name="Stored">Of them, stored as quarantine rows (the rest was counted only).</param>
    public sealed record QuarantineCountDto(string Address, QuarantineReason Reason, long Frames, long Bytes, long Stored);

    private static async Task<Results<Ok<List<QuarantineCountDto>>, ValidationProblem>> CountsAsync(SmartEnvDbContext db, TimeProvider clock, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end.AddDays(-1)).ToUniversalTime();
        if (ApiValidation.InstantRange(start, end) is { } invalid) return invalid;
        var rows = await db.QuarantineTallies.AsNoTracking().Where(t => t.WindowStart >= start && t.WindowStart < end)
            .GroupBy(t => new { t.Address, t.Reason })
            .Select(g => new QuarantineCountDto(g.Key.Address, g.Key.Reason, g.Sum(t => t.Frames), g.Sum(t => t.Bytes), g.Sum(t => t.Stored)))
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.Frames).ThenBy(r => r.Address, StringComparer.Ordinal).ThenBy(r => r.Reason).Take(MaxLimit).ToList());
    }

    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 1000;

    private static async Task<Results<Ok<List<QuarantinedPacketDto>>, ValidationProblem>> ListAsync(SmartEnvDbContext db, int? limit, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "before_id")] long? beforeId, CancellationToken ct)
    {
        if (ApiValidation.Limit(limit, 100, MaxLimit, out var take) is { } invalid) return invalid;
        var q = db.RawPackets.AsNoTracking().Where(p => p.Status == PacketStatus.Quarantined);
        if (beforeId is { } b) q = q.Where(p => p.Id < b);
        var rows = await q.OrderByDescending(p => p.Id).Take(take)
            .Select(p => new QuarantinedPacketDto(p.Id, p.ReceivedAt, p.Peer, p.Mn, p.Cn, p.Qn, p.QuarantineReason, p.QuarantineDetail, p.FramingDiagnostics, p.Text))
            .ToListAsync(ct);
        // Masked after the query: the regex does not translate to SQL.
        return TypedResults.Ok(rows.Select(p => p with { Text = SmartEnv.Web.Ui.DataService.MaskPassword(p.Text), Detail = SmartEnv.Web.Ui.DataService.MaskPassword(p.Detail) }).ToList());
    }
}
