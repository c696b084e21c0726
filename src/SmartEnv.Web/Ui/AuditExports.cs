using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Web.Ui;

/// <summary><c>GET /ui/export/audit.{xlsx|csv}?actor=&amp;target_type=&amp;target_id=&amp;action=&amp;from=&amp;to=</c>: the 审计
/// page's filtered list (admin cookie; at most <see cref="AuditService.MaxExport"/> newest entries), written by
/// <see cref="Exports.Write"/> (MiniExcel); <c>from</c>/<c>to</c> are Beijing dates (inclusive); times in Beijing time,
/// headers in the UI language; action, target type and actor kind in words and as stored, the time also as UTC
/// milliseconds, before/after as the stored JSON text, prev_hash and hash — every hashed field as stored, so the export
/// can be re-verified elsewhere (an empty cell is a null field).</summary>
public static class AuditExports
{
    /// <summary>Maps the export.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAuditExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/export/audit.{ext}", async (string ext, string? actor, [FromQuery(Name = "target_type")] string? targetType,
            [FromQuery(Name = "target_id")] string? targetId, string? action, DateOnly? from, DateOnly? to, 
            AuditService audit, CancellationToken ct) =>
        {
            var rows = await audit.ExportRowsAsync(Query(actor, targetType, targetId, action, from, to), ct);
            return Exports.Write(ext, Table(rows));
        }).RequireAuthorization(SmartEnvPolicies.Admin).ExcludeFromDescription(); // the audit trail is for admins
        return app;
    }

    /// <summary>The filter of the page and the export: Beijing dates <paramref name="from"/>…<paramref name="to"/> inclusive.</summary>
    /// <param name="actor">Actor name, or null.</param>
    /// <param name="targetType">Target type, or null.</param>
    /// <param name="targetId">Target id, or null.</param>
    /// <param name="action">Action prefix, or null.</param>
    /// <param name="from">First Beijing day, or null.</param>
    /// <param name="to">Last Beijing day (inclusive), or null.</param>
    /// <param name="page">Page.</param>
    /// <param name="pageSize">Page size.</param>
    public static AuditQuery Query(string? actor, string? targetType, string? targetId, string? action, DateOnly? from, DateOnly? to, int page = 1, int pageSize = 50) =>
        new(actor, targetType, targetId, action, 
            // The first and last representable days mean "no bound" (their Beijing midnights lie outside DateTimeOffset; issue 14).
            from is { } f && f > DateOnly.MinValue ? BeijingTime.DayStart(f) : null,
            to is { } t && t < DateOnly.MaxValue ? BeijingTime.DayStart(t.AddDays(1)) : null, page, pageSize);

    /// <summary>Entries as an export table.</summary>
    /// <param name="rows">Entries, newest first.</param>
    public static ExportTable Table(IReadOnlyList<AuditEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["序号", "编号", "时间（北京时间）", "时间戳（UTC 毫秒）", "身份类型", "身份类型代码", "操作人", "操作", "操作代码", "对象类型", "对象类型代码", "对象编号", "变更前", "变更后", "原因", "来源地址", "前序哈希", "哈希"]
            : ["Seq", "Id", "Time (Beijing time)", "Time (UTC ms)", "Actor kind", "Actor kind code", "Actor", "Action", "Action code", "Target type", "Target type code", "Target id", "Before", "After", "Reason", "Client address", "Prev hash", "Hash"];
        return new ExportTable("audit", headers, rows.Select(e => new object?[]
        {
            e.Seq, e.Id, Display.Beijing(e.Time), e.Time.ToUnixTimeMilliseconds(), Texts.Audit.Kind(e.ActorKind), AuditTrail.KindText(e.ActorKind), e.ActorName,
            Texts.Audit.Act(e.Action), e.Action, Texts.Audit.Target(e.TargetType), e.TargetType, e.TargetId,
            e.Before, e.After, e.Reason, e.ClientAddress, e.PrevHash, e.Hash,
        }).ToList());
    }
}
