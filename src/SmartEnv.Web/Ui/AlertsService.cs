using SmartEnv.Alerts;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>
/// 告警 view model: the alert list for the page's filters and the two handling steps (确认, 关闭), over
/// <see cref="AlertStore"/> (the same store and rules the API uses, docs/alerts.md). The page keeps only what the user typed;
/// filter ids are the API's (<c>open</c>/<c>all</c>/<c>closed</c>, rule ids in snake_case). Scoped; not thread-safe.
/// </summary>
/// <param name="store">The alert store.</param>
public sealed class AlertsService(AlertStore store)
{
    /// <summary>Alerts matching the filters, newest first (as <see cref="AlertStore.ListAsync"/>).</summary>
    /// <param name="status"><c>all</c>, <c>closed</c>, anything else = open (not closed).</param>
    /// <param name="rule">Rule id in snake_case (e.g. <c>device_offline</c>); "" or an unknown id = any rule.</param>
    /// <param name="site">Site code; "" = any site.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<List<AlertRow>> ListAsync(string status, string rule, string site, CancellationToken ct = default)
    {
        var s = status switch { "all" => AlertListStatus.All, "closed" => AlertListStatus.Closed, _ => AlertListStatus.Open };
        AlertRule? r = Apis.AlertsApi.TryRule(rule, out var parsed) ? parsed : null;
        return store.ListAsync(s, site.Length > 0 ? site : null, r, ct: ct);
    }

    /// <summary>Acknowledges or closes an alert in the name of <paramref name="handler"/>; each step records who
    /// (docs/alerts.md "Handling").</summary>
    /// <param name="id">Alert id.</param>
    /// <param name="close">Close (final) rather than acknowledge.</param>
    /// <param name="handler">Who handles it (trimmed; required).</param>
    /// <param name="note">Note, or "".</param>
    /// <param name="actor">Who, for the audit trail (<see cref="AuditActors.ForUi"/>); null = the user named <paramref name="handler"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when done; otherwise the text to show (handler missing, alert not found, already closed/acknowledged).</returns>
    public async Task<string?> HandleAsync(long id, bool close, string handler, string note, SmartEnv.Storage.Audit.AuditActor? actor = null, CancellationToken ct = default)
    {
        var by = handler.Trim();
        if (by.Length == 0) return Texts.Alerts.HandlerRequired;
        var result = close ? await store.CloseAsync(id, by, note, actor, ct) : await store.AcknowledgeAsync(id, by, note, actor, ct);
        return result == AlertTransition.Done ? null : Texts.Alerts.Transition(result);
    }

    /// <summary>The API id of an enum value (snake_case, as <see cref="SnakeCaseEnumConverter{TEnum}"/> stores it).</summary>
    /// <param name="value">Value.</param>
    public static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseEnumConverter<TEnum>.ToSnake(value.ToString());
}
