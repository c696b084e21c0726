using SmartEnv.Imports.DataSources;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Web.Ui;

/// <summary>The source form of <c>/data/sources</c> (strings as typed).</summary>
public sealed class DataSourceForm
{
    /// <summary>Key (slug).</summary>
    public string? Key { get; set; }
    /// <summary>Chinese name.</summary>
    public string? Name { get; set; }
    /// <summary>Publisher.</summary>
    public string? Publisher { get; set; }
    /// <summary>Address.</summary>
    public string? Url { get; set; }
    /// <summary>Formats, comma-separated.</summary>
    public string? Formats { get; set; }
    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
}

/// <summary>
/// View model service of <c>/data/sources</c> (issue 22): sources, findings, and the writes through
/// <see cref="DataSourceService"/> (each audited there). Errors come back as the service's message. Scoped; not thread-safe.
/// </summary>
/// <param name="db">Context of the circuit's scope.</param>
/// <param name="time">Clock.</param>
public sealed class DataSourcesUiService(SmartEnvDbContext db, TimeProvider time)
{
    private DataSourceService Service => new(db, time);

    /// <summary>Every source.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<DataSourceView>> SourcesAsync(CancellationToken ct = default) => Service.ListAsync(ct);

    /// <summary>A source's findings, newest first.</summary>
    /// <param name="key">Source key.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<FindingView>> FindingsAsync(string key, CancellationToken ct = default) => Service.FindingsAsync(key, ct);

    /// <summary>Records a source; null on success, else the reason.</summary>
    /// <param name="form">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> AddAsync(DataSourceForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await Service.CreateAsync(new DataSourceInput(form.Key, form.Name, form.Publisher, form.Url,
                (form.Formats ?? "").Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), form.Notes), actor, ct);
            return null;
        }
        catch (DataSourceException e) { return e.Message; }
    }

    /// <summary>Attaches every finding of the pasted or uploaded JSON (all or none: each is validated first).</summary>
    /// <param name="key">Source key.</param>
    /// <param name="json">One finding, an array, or a report with <c>findings</c>.</param>
    /// <param name="note">Note, or null.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many were attached, or the reason none was.</returns>
    public async Task<(int Attached, string? Error)> AttachAsync(string key, string? json, string? note, AuditActor actor, CancellationToken ct = default)
    {
        try
        {
            var inputs = FindingJson.Parse(json, note);
            foreach (var i in inputs) DataSourceService.Validate(i);
            foreach (var i in inputs) await Service.AttachAsync(key, i, actor, ct);
            return (inputs.Count, null);
        }
        catch (DataSourceException e) { return (0, e.Message); }
    }

    /// <summary>Withdraws a finding; null on success, else the reason.</summary>
    /// <param name="key">Source key.</param>
    /// <param name="id">Finding id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> WithdrawAsync(string key, long id, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        try { await Service.WithdrawAsync(key, id, reason, actor, ct); return null; }
        catch (DataSourceException e) { return e.Message; }
    }

    /// <summary>The cause in the UI culture: the named causes, <c>regime:ID</c> as "another rule set (ID)", other keys as
    /// "other cause (KEY)".</summary>
    /// <param name="cause">Cause key.</param>
    /// <param name="figure">The finding's figure; another than the domain's main one is named after the cause.</param>
    public static string CauseText(string cause, string figure = "aqi")
    {
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(figure);
        var name = Texts.Datasources.CauseNameKeys.Contains(cause) ? Texts.Datasources.CauseName(cause)
            : cause.StartsWith(FindingCause.RegimePrefix, StringComparison.Ordinal) ? Texts.Datasources.RegimeCause(cause[FindingCause.RegimePrefix.Length..])
            : Texts.Datasources.OtherCause(cause);
        if (SmartEnv.Verifications.VerificationFigures.IsMain(figure)) return name;
        var (zh, en) = SmartEnv.Verifications.VerificationFigures.Name(figure);
        return SmartEnvUi.IsChinese ? $"{name}（{zh}）" : $"{name} ({en})";
    }

    /// <summary>The range in the UI culture (Beijing, <c>yyyy-MM-dd HH:mm</c>), "since …" when open-ended.</summary>
    /// <param name="f">The finding.</param>
    public static string RangeText(FindingView f)
    {
        ArgumentNullException.ThrowIfNull(f);
        static string T(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return f.To is { } to ? Texts.Datasources.ClosedRange(T(f.From), T(to)) : Texts.Datasources.OpenRange(T(f.From));
    }
}
