using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Alerts;
using SmartEnv.Storage;
using SmartEnv.Web.Apis;

namespace SmartEnv.Web.Ui;

/// <summary><c>GET /ui/export/alerts.{xlsx|csv}?status=&amp;rule=&amp;site=</c>: the 告警 page's list (bureau staff, policy StaffRead), written
/// by <see cref="Exports.Write"/>; times in Beijing time, headers in the UI language.</summary>
public static class AlertExports
{
    /// <summary>Maps the export.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAlertExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/export/alerts.{ext}", async (string ext, string? status, string? rule, string? site,
            AlertStore alerts, CancellationToken ct) =>
        {
            var s = status switch { "all" => AlertListStatus.All, "closed" => AlertListStatus.Closed, _ => AlertListStatus.Open };
            var r = AlertsApi.TryRule(rule, out var parsed) ? parsed : (SmartEnv.Storage.Entities.AlertRule?)null;
            var rows = await alerts.ListAsync(s, string.IsNullOrWhiteSpace(site) ? null : site.Trim(), r, 5000, ct);
            return Exports.Write(ext, Table(rows));
        }).RequireAuthorization(SmartEnvPolicies.StaffRead).ExcludeFromDescription(); // alerts are bureau-internal
        return app;
    }

    /// <summary>The alert list as an export table.</summary>
    /// <param name="rows">Alerts.</param>
    public static ExportTable Table(IReadOnlyList<AlertRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["编号", "站点代码", "站点", "规则", "级别", "状态", "开始（北京时间）", "最近出现（北京时间）", "条件结束（北京时间）", "峰值", "说明", "确认人", "确认时间（北京时间）", "确认备注", "关闭人", "关闭时间（北京时间）", "关闭备注"]
            : ["Id", "Site code", "Site", "Rule", "Severity", "Status", "Opened (Beijing time)", "Last seen (Beijing time)", "Condition ended (Beijing time)", "Peak", "Message", "Acknowledged by", "Acknowledged at (Beijing time)", "Acknowledge note", "Closed by", "Closed at (Beijing time)", "Close note"];
        static string? T(DateTimeOffset? t) => t is { } v ? Display.Beijing(v) : null;
        return new ExportTable("alerts", headers, rows.Select(a => new object?[]
        {
            a.Id, a.SiteCode, zh ? a.SiteNameZh : a.SiteNameEn ?? a.SiteNameZh, Contracts.ContractJson.EnumValue(a.Rule),
            Contracts.ContractJson.EnumValue(a.Severity),
            Contracts.ContractJson.EnumValue(a.Status),
            T(a.OpenedAt), T(a.LastSeenAt), T(a.ConditionClearedAt), a.PeakValue, zh ? a.MessageZh : a.MessageEn,
            a.AcknowledgedBy, T(a.AcknowledgedAt), a.AcknowledgeNote, a.ClosedBy, T(a.ClosedAt), a.CloseNote,
        }).ToList());
    }
}
