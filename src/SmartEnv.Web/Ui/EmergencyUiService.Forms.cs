using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Emergency;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Emergency;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Web.Ui;

/// <summary>One substance row of the risk-unit form (strings as typed).</summary>
public sealed class SubstanceForm
{
    /// <summary>Name.</summary>
    public string? Name { get; set; }
    /// <summary>CAS number, optional.</summary>
    public string? Cas { get; set; }
    /// <summary>On-site quantity q, t.</summary>
    public string? OnSiteTonnes { get; set; }
    /// <summary>Critical quantity Q, t.</summary>
    public string? CriticalTonnes { get; set; }
}

/// <summary>The risk-unit form of <c>/emergency</c> (strings as typed; parsed by <see cref="EmergencyUiService.SaveUnitAsync"/>).</summary>
public sealed class RiskUnitForm
{
    /// <summary>The unit being edited, or null for a new one.</summary>
    public long? Id { get; set; }
    /// <summary>USCC of the enterprise (from the registry).</summary>
    public string? Uscc { get; set; }
    /// <summary>Unit name.</summary>
    public string? Name { get; set; }
    /// <summary>HJ 941 expression as written in the assessment report.</summary>
    public string? Expression { get; set; }
    /// <summary>Assessment day, <c>yyyy-MM-dd</c>.</summary>
    public string? AssessedOn { get; set; }
    /// <summary>Key unit (counted in the 100 % filing target).</summary>
    public bool IsKey { get; set; }
    /// <summary>Substances (empty rows are ignored).</summary>
    public List<SubstanceForm> Substances { get; } = [];
}

/// <summary>The plan form of <c>/emergency</c> (strings as typed).</summary>
public sealed class PlanForm
{
    /// <summary>USCC of the enterprise.</summary>
    public string? Uscc { get; set; }
    /// <summary>Plan title.</summary>
    public string? Title { get; set; }
    /// <summary>Version text (e.g. 2024版).</summary>
    public string? Version { get; set; }
    /// <summary>Signing day, <c>yyyy-MM-dd</c>.</summary>
    public string? SignedOn { get; set; }
}

/// <summary>An enterprise of the registry for the USCC picker.</summary>
/// <param name="Uscc">USCC.</param>
/// <param name="Name">Name.</param>
public sealed record EnterpriseChoice(string Uscc, string Name);

/// <summary>Forms of the emergency pages (issue 20 forms): risk units, plan registration with its previewed dues, filing-set
/// uploads (size-limited, type-checked by extension and leading bytes), event criteria corrections. Every change goes
/// through <see cref="EmergencyService"/> (validation and audit are the service's).</summary>
public sealed partial class EmergencyUiService
{
    /// <summary>Largest filing-set file, bytes (= <see cref="EmergencyDocument.MaxBytes"/>, 8 MiB).</summary>
    public const long MaxUploadBytes = EmergencyDocument.MaxBytes;

    /// <summary>The file types a filing-set document may have (<see cref="FilingDocumentTypes.Types"/>).</summary>
    public static IReadOnlyDictionary<string, (string ContentType, byte[] Magic)> UploadTypes => FilingDocumentTypes.Types;

    /// <summary>The <c>accept</c> attribute of the upload input.</summary>
    public static string UploadAccept => string.Join(',', UploadTypes.Keys);

    /// <summary>The enterprises of the registry visible to the context (for the USCC picker), by name.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EnterpriseChoice>> EnterprisesAsync(CancellationToken ct = default) =>
        await db.Enterprises.AsNoTracking().OrderBy(e => e.Name).Select(e => new EnterpriseChoice(e.Uscc, e.Name)).ToListAsync(ct);

    /// <summary>A form filled with a stored unit, for editing.</summary>
    /// <param name="u">The unit (with substances).</param>
    public static RiskUnitForm FormOf(EmergencyRiskUnit u)
    {
        ArgumentNullException.ThrowIfNull(u);
        var f = new RiskUnitForm { Id = u.Id, Uscc = u.Uscc, Name = u.Name, Expression = u.Expression, AssessedOn = u.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IsKey = u.IsKey };
        foreach (var s in u.Substances.OrderBy(x => x.Id))
            f.Substances.Add(new SubstanceForm { Name = s.Name, Cas = s.Cas, OnSiteTonnes = Num(s.OnSiteTonnes), CriticalTonnes = Num(s.CriticalTonnes) });
        return f;
    }

    /// <summary>Creates or replaces a risk unit from the form; the expression is checked by the service exactly as the API
    /// checks it (<see cref="RiskLevelExpression"/>). Returns the unit id or an error text.</summary>
    /// <param name="f">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(long? Id, string? Error)> SaveUnitAsync(RiskUnitForm f, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (string.IsNullOrWhiteSpace(f.Uscc)) return (null, "uscc: required");
        if (!TryDay(f.AssessedOn, out var assessed)) return (null, "assessed_on: yyyy-MM-dd");
        var subs = new List<SubstanceInput>();
        foreach (var (s, i) in f.Substances.Select((s, i) => (s, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(s.Name) && string.IsNullOrWhiteSpace(s.OnSiteTonnes) && string.IsNullOrWhiteSpace(s.CriticalTonnes)) continue;
            if (!TryTonnes(s.OnSiteTonnes, out var q) || !TryTonnes(s.CriticalTonnes, out var cq)) return (null, $"substance {i}: on-site and critical quantities in t (numbers)");
            subs.Add(new SubstanceInput(s.Name ?? "", string.IsNullOrWhiteSpace(s.Cas) ? null : s.Cas.Trim(), q, cq));
        }
        try
        {
            var u = await Service.SaveUnitAsync(f.Id, new RiskUnitInput(f.Uscc.Trim(), f.Name ?? "", f.Expression?.Trim() ?? "", assessed, f.IsKey, subs), actor, ct);
            return (u.Id, null);
        }
        catch (EmergencyException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The dues a plan signed on the typed day would get (filing due after 20 working days, review after 3 years), or
    /// null while the day is not a <c>yyyy-MM-dd</c> date.</summary>
    /// <param name="signedOn">The typed day.</param>
    public PlanDeadlines? PreviewDeadlines(string? signedOn) => TryDay(signedOn, out var d) ? Service.PreviewDeadlines(d) : null;

    /// <summary>Registers a signed plan from the form; returns the plan id or an error text.</summary>
    /// <param name="f">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(long? Id, string? Error)> CreatePlanAsync(PlanForm f, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (string.IsNullOrWhiteSpace(f.Uscc)) return (null, "uscc: required");
        if (!TryDay(f.SignedOn, out var signed)) return (null, "signed_on: yyyy-MM-dd");
        try
        {
            var p = await Service.CreatePlanAsync(f.Uscc.Trim(), f.Title ?? "", f.Version ?? "", signed, actor, ct);
            return (p.Id, null);
        }
        catch (EmergencyException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The filing-set attachments of the given plans (without bytes).</summary>
    /// <param name="planIds">Plans.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<AttachmentInfo>> AttachmentsAsync(IEnumerable<long> planIds, CancellationToken ct = default) => Service.AttachmentListAsync(planIds, ct);

    /// <summary>The download address of an attachment (the enterprise-scoped API route).</summary>
    /// <param name="uscc">The plan's enterprise.</param>
    /// <param name="a">The attachment.</param>
    public static string DownloadHref(string uscc, AttachmentInfo a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return FormattableString.Invariant($"/api/enterprises/{Uri.EscapeDataString(uscc)}/emergency/plans/{a.PlanId}/attachments/{a.Id}");
    }

    /// <summary>Checks an upload's type (extension of <see cref="UploadTypes"/> and its leading bytes) and size
    /// (1 … <see cref="MaxUploadBytes"/>); returns the stored content type or an error text.</summary>
    /// <param name="fileName">The original name.</param>
    /// <param name="content">The bytes.</param>
    public static (string? ContentType, string? Error) CheckUpload(string? fileName, ReadOnlySpan<byte> content) =>
        FilingDocumentTypes.Check(fileName, content);

    /// <summary>Uploads one filing-set document from the browser (read at most <see cref="MaxUploadBytes"/> + 1 bytes, then
    /// type-checked); returns an error text or null. Audited by the service (<c>emergency.plan.attach</c>).</summary>
    /// <param name="planId">Plan.</param>
    /// <param name="docCode">Document code of the filing set.</param>
    /// <param name="file">The chosen file.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> AttachAsync(long planId, string docCode, IBrowserFile file, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Size > MaxUploadBytes) return "file: 1 byte to 8 MiB";
        using var ms = new MemoryStream();
        await using (var s = file.OpenReadStream(MaxUploadBytes, ct)) await s.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var (type, error) = CheckUpload(file.Name, bytes);
        if (error is not null) return error;
        return await TryAsync(() => Service.AttachAsync(planId, docCode, new UploadedFile(Path.GetFileName(file.Name), type!, bytes), actor, ct));
    }

    /// <summary>A criteria form filled with an event's stored criteria and circumstances (for correcting them).</summary>
    /// <param name="e">The event.</param>
    public static EventForm CriteriaOf(EmergencyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var f = new EventForm
        {
            Deaths = e.Deaths?.ToString(CultureInfo.InvariantCulture), Injured = e.Injured?.ToString(CultureInfo.InvariantCulture),
            Evacuated = e.Evacuated?.ToString(CultureInfo.InvariantCulture), LossYuan = e.LossYuan is { } l ? Num(l) : null,
            WaterIntake = e.WaterIntake, CrossBoundary = e.CrossBoundary,
        };
        foreach (var c in e.Circumstances?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []) f.Circumstances.Add(c);
        return f;
    }

    /// <summary>Corrects an event's Annex 1 criteria and circumstances from the form (title and times are not changed); the
    /// level and deadline are re-derived by the service, anchored to the first-known time. Returns an error text or null.</summary>
    /// <param name="eventId">Event.</param>
    /// <param name="f">The form (criteria and circumstances).</param>
    /// <param name="reason">Why.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> CorrectEventAsync(long eventId, EventForm f, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (criteria, error) = Criteria(f);
        if (error is not null) return error;
        return await TryAsync(() => Service.CorrectEventAsync(eventId, criteria!, [.. f.Circumstances], reason, actor, ct));
    }

    /// <summary>The latest correction of an event (who, when), or null.</summary>
    /// <param name="eventId">Event.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EventCorrection?> CorrectionAsync(long eventId, CancellationToken ct = default) => Service.CorrectionAsync(eventId, ct);

    private static (EventCriteria? Criteria, string? Error) Criteria(EventForm f)
    {
        if (!TryInt(f.Deaths, out var deaths) || !TryInt(f.Injured, out var injured) || !TryInt(f.Evacuated, out var evacuated)) return (null, "counts: whole numbers ≥ 0");
        decimal? loss = null;
        if (!string.IsNullOrWhiteSpace(f.LossYuan))
        {
            if (!decimal.TryParse(f.LossYuan.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var l) || l < 0) return (null, "loss_yuan: ≥ 0");
            loss = l;
        }
        return (new EventCriteria(deaths, injured, evacuated, loss, Blank(f.WaterIntake), Blank(f.CrossBoundary)), null);
    }

    private static bool TryDay(string? s, out DateOnly day) => DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool TryTonnes(string? s, out decimal t) => decimal.TryParse(s?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out t);

    private static string Num(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);
}
