using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Alerts;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Alerts (告警, docs/alerts.md). The list and the handling are bureau-internal (admin token); only the number of alerts
/// needing handling is public, as the overview card shows it to everyone:
/// <c>GET /api/alerts/count</c> (public), <c>GET /api/alerts?status=open|all|closed&amp;site=&amp;rule=</c> (admin),
/// <c>POST /api/alerts/{id}/acknowledge</c> and <c>POST /api/alerts/{id}/close</c> with <c>{ "by": "…", "note": "…" }</c> (admin).
/// </summary>
public static class AlertsApi
{
    /// <summary>Handling request body.</summary>
    /// <param name="By">Who handles it (free text until accounts exist; ≤ 64 characters). Required: missing or blank → 400
    /// naming <c>by</c>.</param>
    /// <param name="Note">Note (≤ 1024 characters), optional.</param>
    public sealed record AlertHandling(string? By, string? Note);

    /// <summary>Alert counts of the overview card.</summary>
    /// <param name="Open">Alerts in status open, nobody has acknowledged them (未处理: the card's number).</param>
    /// <param name="Acknowledged">Alerts acknowledged and not closed (已确认, being handled).</param>
    public sealed record AlertCount(int Open, int Acknowledged);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/alerts").WithTags("alerts");
        g.MapGet("/count", async (AlertStore alerts, CancellationToken ct) => TypedResults.Ok(new AlertCount(await alerts.OpenCountAsync(ct), await alerts.AcknowledgedCountAsync(ct))))
            .AllowAnonymous().WithName("CountOpenAlerts").WithSummary("Alerts in status open (未处理, the overview's number) and acknowledged but not closed (已确认) (public).");
        g.MapGet("", ListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListAlerts")
            .WithSummary("Alerts, newest condition first; status=open (default: not closed) | all | closed, site=CODE, rule=air_aqi_exceeded | device_offline | water_class_exceeded | device_flag | device_password_failures | source_limit_exceeded | emission_quantity_projected | manifest_receipt_overdue | manifest_discrepancy | waste_stored_over_year | medical_storage_overdue | medical_collection_overdue | complaint_acceptance_overdue | complaint_handling_overdue | complaint_urgent | draw_publication_overdue (bureau staff; docs/alerts.md).");
        g.MapPost("/{id:long}/acknowledge", (long id, AlertHandling body, AlertStore alerts, HttpContext http, CancellationToken ct) =>
                HandleAsync(id, body, ct, (i, by, note, c) => alerts.AcknowledgeAsync(i, by, note, AuditActors.FromHttp(http), c)))
            .RequireAuthorization(SmartEnvPolicies.AlertHandling).WithName("AcknowledgeAlert").WithSummary("Open → acknowledged, with who (by, required: 400 without it) and a note (admin). 409 when already acknowledged or closed.");
        g.MapPost("/{id:long}/close", (long id, AlertHandling body, AlertStore alerts, HttpContext http, CancellationToken ct) =>
                HandleAsync(id, body, ct, (i, by, note, c) => alerts.CloseAsync(i, by, note, AuditActors.FromHttp(http), c)))
            .RequireAuthorization(SmartEnvPolicies.AlertHandling).WithName("CloseAlert").WithSummary("Open or acknowledged → closed, with who (by, required: 400 without it) and a note (admin). 409 when already closed.");
        return app;
    }

    private static async Task<Results<Ok<List<AlertRow>>, ProblemHttpResult>> ListAsync(AlertStore alerts, string? status, string? site, string? rule, int? limit, CancellationToken ct)
    {
        AlertListStatus s;
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "open": s = AlertListStatus.Open; break;
            case "all": s = AlertListStatus.All; break;
            case "closed": s = AlertListStatus.Closed; break;
            default: return TypedResults.Problem(title: "status must be open, all or closed", statusCode: StatusCodes.Status400BadRequest);
        }
        AlertRule? r = null;
        if (!string.IsNullOrWhiteSpace(rule))
        {
            if (!TryRule(rule, out var parsed))
                return TypedResults.Problem(title: "rule must be one of " + string.Join(", ", Enum.GetValues<AlertRule>().Select(x => SnakeCaseEnumConverter<AlertRule>.ToSnake(x.ToString()))), statusCode: StatusCodes.Status400BadRequest);
            r = parsed;
        }
        return TypedResults.Ok(await alerts.ListAsync(s, site, r, limit ?? 1000, ct));
    }

    /// <summary>Parses a snake_case rule name (<c>air_aqi_exceeded</c>).</summary>
    /// <param name="text">Rule name.</param>
    /// <param name="rule">The rule.</param>
    public static bool TryRule(string? text, out AlertRule rule)
    {
        rule = default;
        var t = text?.Trim().Replace("_", "", StringComparison.Ordinal);
        return !string.IsNullOrEmpty(t) && !int.TryParse(t, out _) && Enum.TryParse(t, true, out rule) && Enum.IsDefined(rule);
    }

    private static async Task<Results<Ok<AlertCount>, NoContent, ProblemHttpResult>> HandleAsync(long id, AlertHandling? body, CancellationToken ct,
        Func<long, string, string?, CancellationToken, Task<AlertTransition>> action)
    {
        if (string.IsNullOrWhiteSpace(body?.By)) return TypedResults.Problem(title: "by is required: who handles the alert / by 必填：处理人", statusCode: 400);
        if (body.By is { Length: > AlertStore.MaxBy }) return TypedResults.Problem(title: $"by is longer than {AlertStore.MaxBy} characters", statusCode: 400);
        if (body.Note is { Length: > AlertStore.MaxNote }) return TypedResults.Problem(title: $"note is longer than {AlertStore.MaxNote} characters", statusCode: 400);
        return await action(id, body.By, body.Note, ct) switch
        {
            AlertTransition.Done => TypedResults.NoContent(),
            AlertTransition.NotFound => TypedResults.Problem(title: $"no alert {id}", statusCode: StatusCodes.Status404NotFound),
            AlertTransition.AlreadyAcknowledged => TypedResults.Problem(title: "alert is already acknowledged / 告警已确认", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(title: "alert is closed / 告警已关闭", statusCode: StatusCodes.Status409Conflict),
        };
    }
}
